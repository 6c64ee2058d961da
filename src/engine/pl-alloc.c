/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "pl-alloc.h"
#include "pl-error.h"

/* NumPy (alloc.c, indicate_hugepages) asks for transparent huge pages for
 * every data buffer of 4 MiB or more. */
#define HUGEPAGE_THRESHOLD (4u << 20)

static gint64   live_bytes;        /* atomic */
static gint64   peak_bytes;        /* atomic */
static guint64  next_buffer_id;    /* atomic */
static gint     current_line;      /* atomic */
static guint64  current_span = 1;  /* atomic (__atomic builtins) */
static gint     recording;         /* atomic */
static gsize    limit_bytes;       /* 0: not yet initialised */

/* The event logs (allocations, and arrays): fixed chunks of events (no
 * reallocation and copying as a growing array would do), behind one mutex
 * (uncontended: ~20 ns). A few chunks are kept from one recording to the
 * next, so a run does not page in fresh log memory for its first hundred
 * thousand events. */
#define LOG_CHUNK_BYTES  (1u << 20)
#define LOG_SPARE_CHUNKS 8

typedef struct
{
  gsize      event_size;
  guint      chunk_events;
  GPtrArray *chunks;   /* NULL: not recording */
  GPtrArray *spare;
  guint8    *cur;      /* the last chunk */
  guint      pos;      /* events in it */
} EventLog;

static GMutex   log_mutex;
static EventLog alloc_log = { sizeof (PlAllocEvent), LOG_CHUNK_BYTES / sizeof (PlAllocEvent) };
static EventLog array_log = { sizeof (PlArrayEvent), LOG_CHUNK_BYTES / sizeof (PlArrayEvent) };

/* Event times. Reading CLOCK_MONOTONIC costs ~50 ns in a VM, more than the
 * rest of the recording together; when the kernel's clock is itself the
 * TSC, events store raw TSC ticks (~15 ns to read) and stop converts them
 * to CLOCK_MONOTONIC nanoseconds through two reference points taken at
 * start and stop (the mapping is linear: that is how the kernel derives
 * the clock from the TSC). Elsewhere events read the clock directly. */
static gboolean use_tsc;
static gint64   ref_tsc0, ref_ns0;

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>

static gboolean
clock_is_tsc (void)
{
  g_autofree char *source = NULL;

  if (!g_file_get_contents ("/sys/devices/system/clocksource/clocksource0/current_clocksource",
                            &source, NULL, NULL))
    return FALSE;
  return g_str_equal (g_strstrip (source), "tsc");
}

static inline gint64
event_clock (void)
{
  return use_tsc ? (gint64) __rdtsc () : pl_alloc_now_ns ();
}

/* A reference point of the tick-to-nanosecond mapping: the clock read
 * between two TSC reads, paired with their midpoint. A thread preempted
 * between the reads (a busy machine) would otherwise shift every event's
 * time by the preemption, milliseconds, against the lines' times, and
 * events would land in the wrong span of a loop's line; so the pair is
 * read again until the reads are close (a few hundred nanoseconds), and
 * the closest of a few tries is kept. */
static void
reference_point (gint64 *tsc,
                 gint64 *ns)
{
  gint64 best = G_MAXINT64;

  *tsc = *ns = 0;
  for (gint i = 0; i < 64; i++)
    {
      gint64 t0 = (gint64) __rdtsc ();
      gint64 n = pl_alloc_now_ns ();
      gint64 t1 = (gint64) __rdtsc ();

      if (t1 - t0 < best)
        {
          best = t1 - t0;
          *tsc = t0 + (t1 - t0) / 2;
          *ns = n;
        }
      if (best < 2000)
        break;
    }
}
#else
static gboolean
clock_is_tsc (void)
{
  return FALSE;
}

static inline gint64
event_clock (void)
{
  return pl_alloc_now_ns ();
}

static void
reference_point (gint64 *tsc,
                 gint64 *ns)
{
  *ns = *tsc = pl_alloc_now_ns ();
}
#endif

gint64
pl_alloc_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

void
pl_alloc_set_line (gint32 line)
{
  /* The span first: an event that sees the new line sees its span too
   * (sequentially consistent atomics). */
  __atomic_add_fetch (&current_span, 1, __ATOMIC_SEQ_CST);
  g_atomic_int_set (&current_line, line);
}

guint64
pl_alloc_get_span (void)
{
  return __atomic_load_n (&current_span, __ATOMIC_SEQ_CST);
}

gint32
pl_alloc_get_line (void)
{
  return g_atomic_int_get (&current_line);
}

gint64
pl_alloc_get_live_bytes (void)
{
  return __atomic_load_n (&live_bytes, __ATOMIC_RELAXED);
}

gint64
pl_alloc_get_peak_bytes (void)
{
  return __atomic_load_n (&peak_bytes, __ATOMIC_RELAXED);
}

/**
 * pl_alloc_reset_peak:
 *
 * Sets the peak to the bytes live now, as tracemalloc.reset_peak () does.
 */
void
pl_alloc_reset_peak (void)
{
  __atomic_store_n (&peak_bytes, pl_alloc_get_live_bytes (), __ATOMIC_RELAXED);
}

static gsize
physical_memory (void)
{
  long pages = sysconf (_SC_PHYS_PAGES);
  long page_size = sysconf (_SC_PAGE_SIZE);

  if (pages <= 0 || page_size <= 0)
    return G_MAXSIZE;
  return (gsize) pages * (gsize) page_size;
}

void
pl_alloc_set_limit (gsize max_bytes)
{
  __atomic_store_n (&limit_bytes, max_bytes, __ATOMIC_RELAXED);
}

/**
 * pl_alloc_get_limit:
 *
 * Returns: the largest single buffer the allocator will try; by default the
 *   machine's physical memory.
 */
gsize
pl_alloc_get_limit (void)
{
  gsize limit = __atomic_load_n (&limit_bytes, __ATOMIC_RELAXED);

  if (limit == 0)
    {
      limit = physical_memory ();
      __atomic_store_n (&limit_bytes, limit, __ATOMIC_RELAXED);
    }
  return limit;
}

/* Appends a copy of @event; the log mutex is held. */
static void
event_log_append (EventLog      *log,
                  gconstpointer  event)
{
  if (log->chunks == NULL)
    return;
  if (log->cur == NULL || log->pos == log->chunk_events)
    {
      if (log->spare != NULL && log->spare->len > 0)
        log->cur = g_ptr_array_steal_index_fast (log->spare, log->spare->len - 1);
      else
        log->cur = g_malloc (log->event_size * log->chunk_events);
      g_ptr_array_add (log->chunks, log->cur);
      log->pos = 0;
    }
  memcpy (log->cur + (gsize) log->pos * log->event_size, event, log->event_size);
  log->pos++;
}

/* Starts a fresh log, dropping a recording nobody stopped; mutex held. */
static void
event_log_start (EventLog *log)
{
  if (log->spare == NULL)
    log->spare = g_ptr_array_new_with_free_func (g_free);
  if (log->chunks != NULL)
    {
      for (guint i = 0; i < log->chunks->len; i++)
        g_ptr_array_add (log->spare, log->chunks->pdata[i]);
      g_ptr_array_set_free_func (log->chunks, NULL);
      g_ptr_array_unref (log->chunks);
    }
  log->chunks = g_ptr_array_new_with_free_func (g_free);
  log->cur = NULL;
  log->pos = 0;
}

/* Ends the recording of @log: its events in one g_malloc'ed block (NULL if
 * none), in the order they were recorded; mutex held. */
static gpointer
event_log_stop (EventLog *log,
                gsize    *n_events)
{
  guint8 *events = NULL;
  gsize n = 0;

  if (log->chunks != NULL)
    {
      n = log->chunks->len == 0 ? 0 : (gsize) (log->chunks->len - 1) * log->chunk_events + log->pos;
      if (n > 0)
        {
          events = g_malloc (n * log->event_size);
          for (guint c = 0; c < log->chunks->len; c++)
            {
              gsize count = c + 1 < log->chunks->len ? log->chunk_events : log->pos;
              memcpy (events + (gsize) c * log->chunk_events * log->event_size,
                      log->chunks->pdata[c], count * log->event_size);
            }
        }
      /* Keep a few chunks for the next recording, free the rest. */
      while (log->chunks->len > 0 && log->spare->len < LOG_SPARE_CHUNKS)
        g_ptr_array_add (log->spare, g_ptr_array_steal_index_fast (log->chunks, log->chunks->len - 1));
      g_clear_pointer (&log->chunks, g_ptr_array_unref);
      log->cur = NULL;
      log->pos = 0;
    }
  *n_events = n;
  return events;
}

static void
record_event (gint64        bytes,
              guint64       buffer_id,
              PlAllocReason reason)
{
  PlAllocEvent event;

  if (!g_atomic_int_get (&recording))
    return;

  event.time_ns = event_clock ();
  event.bytes = bytes;
  event.buffer_id = buffer_id;
  event.line = pl_alloc_get_line ();
  event.span = pl_alloc_get_span ();
  event.reason = (guint8) reason;

  g_mutex_lock (&log_mutex);
  event_log_append (&alloc_log, &event);
  g_mutex_unlock (&log_mutex);
}

/**
 * pl_alloc_record_array:
 * @event: the array's part of the event (kind, ids, dtype, shape, bytes)
 *
 * Stamps @event with the time, the line and the span, and appends it to the
 * array log if a recording is active.
 */
void
pl_alloc_record_array (PlArrayEvent *event)
{
  g_return_if_fail (event != NULL);

  if (!g_atomic_int_get (&recording))
    return;

  event->time_ns = event_clock ();
  event->line = pl_alloc_get_line ();
  event->span = pl_alloc_get_span ();

  g_mutex_lock (&log_mutex);
  event_log_append (&array_log, event);
  g_mutex_unlock (&log_mutex);
}

static void
count_bytes (gint64 delta)
{
  gint64 now = __atomic_add_fetch (&live_bytes, delta, __ATOMIC_RELAXED);
  gint64 peak = __atomic_load_n (&peak_bytes, __ATOMIC_RELAXED);

  while (now > peak &&
         !__atomic_compare_exchange_n (&peak_bytes, &peak, now, TRUE,
                                       __ATOMIC_RELAXED, __ATOMIC_RELAXED))
    ;
}

/**
 * pl_buffer_new:
 * @nbytes: the size; 0 gets a valid 1-byte buffer
 * @init: whether the C library must hand back zeroed memory (calloc)
 * @reason: why the buffer exists, for the event log
 * @error: a #GError, %PL_ERROR_MEMORY if the request exceeds the limit or the
 *   C library refuses it
 *
 * Returns: (transfer full) (nullable): a buffer with a reference count of 1
 */
PlBuffer *
pl_buffer_new (gsize           nbytes,
               PlAllocInit     init,
               PlAllocReason   reason,
               GError        **error)
{
  g_autofree char *size = NULL;
  PlBuffer *buffer;
  guint8 *data;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (reason < PL_N_ALLOC_REASONS, NULL);

  if (nbytes == 0)
    nbytes = 1;

  if (nbytes > pl_alloc_get_limit () || nbytes > (gsize) G_MAXINT64)
    {
      size = pl_format_bytes (nbytes);
      g_set_error (error, PL_ERROR, PL_ERROR_MEMORY,
                   "Unable to allocate %s: more than this machine's memory", size);
      return NULL;
    }

  if (init == PL_ALLOC_INIT_ZERO)
    data = calloc (nbytes, 1);
  else
    data = malloc (nbytes);

  if (data == NULL)
    {
      size = pl_format_bytes (nbytes);
      g_set_error (error, PL_ERROR, PL_ERROR_MEMORY,
                   "Unable to allocate %s: the system refused the memory", size);
      return NULL;
    }

#ifdef MADV_HUGEPAGE
  if (nbytes >= HUGEPAGE_THRESHOLD)
    {
      /* As NumPy: from the next page boundary, errors deliberately ignored
       * (older kernels may refuse). */
      guintptr offset = 4096u - (guintptr) data % 4096u;
      madvise (data + offset, nbytes - offset, MADV_HUGEPAGE);
    }
#endif

  buffer = g_new0 (PlBuffer, 1);
  buffer->ref_count = 1;
  buffer->id = __atomic_add_fetch (&next_buffer_id, 1, __ATOMIC_RELAXED);
  buffer->nbytes = nbytes;
  buffer->data = data;
  buffer->reason = reason;

  count_bytes ((gint64) nbytes);
  record_event ((gint64) nbytes, buffer->id, reason);

  return buffer;
}

PlBuffer *
pl_buffer_ref (PlBuffer *buffer)
{
  g_return_val_if_fail (buffer != NULL, NULL);
  g_return_val_if_fail (buffer->ref_count > 0, NULL);

  g_atomic_int_inc (&buffer->ref_count);
  return buffer;
}

/**
 * pl_buffer_unref:
 * @buffer: (transfer full): a buffer
 *
 * Drops a reference; the last one frees the data and records the free.
 */
void
pl_buffer_unref (PlBuffer *buffer)
{
  g_return_if_fail (buffer != NULL);
  g_return_if_fail (buffer->ref_count > 0);

  if (!g_atomic_int_dec_and_test (&buffer->ref_count))
    return;

  /* The free is stamped when it starts: returning a large block to the
   * kernel (munmap) takes a while, and the sampler sees resident memory fall
   * during it, so an event stamped afterwards would show the memory leaving
   * before the array did. */
  count_bytes (-(gint64) buffer->nbytes);
  record_event (-(gint64) buffer->nbytes, buffer->id, buffer->reason);
  free (buffer->data);
  g_free (buffer);
}

/**
 * pl_alloc_start_recording:
 *
 * Starts a fresh event log (dropping any log not yet collected).
 */
void
pl_alloc_start_recording (void)
{
  static gsize tsc_checked = 0;

  if (g_once_init_enter (&tsc_checked))
    {
      use_tsc = clock_is_tsc ();
      g_once_init_leave (&tsc_checked, 1);
    }

  g_mutex_lock (&log_mutex);
  event_log_start (&alloc_log);
  event_log_start (&array_log);
  if (use_tsc)
    {
      reference_point (&ref_tsc0, &ref_ns0);
    }
  g_atomic_int_set (&recording, TRUE);
  g_mutex_unlock (&log_mutex);
}

gboolean
pl_alloc_is_recording (void)
{
  return g_atomic_int_get (&recording);
}

/* Ticks to nanoseconds, through the start and stop reference points (the
 * mapping is the kernel's own: linear). Every event type starts with its
 * time_ns. */
static void
convert_times (gpointer events,
               gsize    n,
               gsize    event_size,
               gint64   tsc1,
               gint64   ns1)
{
  double ns_per_tick = tsc1 > ref_tsc0 ? (double) (ns1 - ref_ns0) / (double) (tsc1 - ref_tsc0) : 0.0;

  for (gsize i = 0; i < n; i++)
    {
      gint64 *time_ns = (gint64 *) ((guint8 *) events + i * event_size);
      gint64 t = ref_ns0 + (gint64) ((double) (*time_ns - ref_tsc0) * ns_per_tick);

      *time_ns = CLAMP (t, ref_ns0, ns1);
    }
}

/**
 * pl_alloc_stop_recording_full:
 * @n_events: (out) (optional): the number of allocation events
 * @array_events: (out) (optional) (transfer full) (array length=n_array_events):
 *   the array log, or %NULL if it is empty; free with g_free ()
 * @n_array_events: (out) (optional): its length
 *
 * Returns: (transfer full) (array length=n_events): the allocation events in
 *   the order they were recorded, or %NULL if there were none; free with
 *   g_free ()
 */
PlAllocEvent *
pl_alloc_stop_recording_full (gsize         *n_events,
                              PlArrayEvent **array_events,
                              gsize         *n_array_events)
{
  PlAllocEvent *events;
  PlArrayEvent *arrays;
  gsize n, n_arrays;

  g_mutex_lock (&log_mutex);
  g_atomic_int_set (&recording, FALSE);
  events = event_log_stop (&alloc_log, &n);
  arrays = event_log_stop (&array_log, &n_arrays);
  if (use_tsc && (n > 0 || n_arrays > 0))
    {
      gint64 tsc1 = 0, ns1 = 0;

      reference_point (&tsc1, &ns1);
      convert_times (events, n, sizeof (PlAllocEvent), tsc1, ns1);
      convert_times (arrays, n_arrays, sizeof (PlArrayEvent), tsc1, ns1);
    }
  g_mutex_unlock (&log_mutex);

  if (n_events != NULL)
    *n_events = n;
  if (n_array_events != NULL)
    *n_array_events = n_arrays;
  if (array_events != NULL)
    *array_events = arrays;
  else
    g_free (arrays);
  return events;
}

/**
 * pl_alloc_stop_recording:
 * @n_events: (out): the number of events
 *
 * Stops recording, dropping the array log.
 *
 * Returns: (transfer full) (array length=n_events): the events in the order
 *   they were recorded, or %NULL if there were none; free with g_free ()
 */
PlAllocEvent *
pl_alloc_stop_recording (gsize *n_events)
{
  return pl_alloc_stop_recording_full (n_events, NULL, NULL);
}

/**
 * pl_alloc_note_elision:
 * @buffer_id: the temporary's buffer, which now receives the result
 * @nbytes: the size of the allocation that did not happen
 *
 * Records that a result was written into a temporary instead of a new
 * buffer: an event of 0 bytes with %PL_ALLOC_REASON_ELIDED. (@nbytes is
 * accepted for the caller's bookkeeping; the live figures do not change.)
 */
void
pl_alloc_note_elision (guint64 buffer_id,
                       gsize   nbytes)
{
  record_event (0, buffer_id, PL_ALLOC_REASON_ELIDED);
}

/**
 * pl_format_bytes:
 * @bytes: a byte count
 *
 * Formats @bytes as NumPy's _ArrayMemoryError._size_to_string does: binary
 * units, three significant figures ("7.28 TiB", "920. GiB", "1.00 KiB"),
 * whole bytes below 1 KiB ("512 bytes").
 *
 * Returns: (transfer full): the text
 */
char *
pl_format_bytes (guint64 bytes)
{
  static const char *units[] = { "bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
  int bit_length = bytes == 0 ? 0 : 64 - __builtin_clzll (bytes);
  int unit_i = MAX (bit_length - 1, 1) / 10;
  double n_units = (double) bytes / (double) (1ULL << (unit_i * 10));

  /* Python's round () rounds half to even, as nearbyint () does by default. */
  if (nearbyint (n_units) == 1024.0)
    {
      unit_i++;
      n_units /= 1024.0;
    }

  if (unit_i == 0)
    return g_strdup_printf ("%.0f %s", n_units, units[unit_i]);
  if (nearbyint (n_units) < 1000.0)
    return g_strdup_printf ("%#.3g %s", n_units, units[unit_i]);
  return g_strdup_printf ("%#.0f %s", n_units, units[unit_i]);
}
