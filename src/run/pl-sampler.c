/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "engine/pl-error.h"
#include "pl-sampler.h"

/* 32768 samples of 32 bytes: 1 MiB, 1.6 s at 50 µs. */
#define DEFAULT_CHUNK_SAMPLES 32768

/* Above this interval the thread sleeps in slices, so that stop() never
 * waits long for it. */
#define MAX_SLEEP_NS G_GINT64_CONSTANT (2000000)

typedef struct _Chunk Chunk;
struct _Chunk
{
  Chunk    *next;
  gsize     map_size;
  gsize     len;
  gsize     n_pages;
  gsize     resident_pages;   /* pages [0, resident_pages) have been written */
  PlSample  samples[];
};

struct _PlSampler
{
  int                 statm_fd;
  int                 status_fd;       /* /proc/self/status: VmHWM */
  int                 clear_refs_fd;   /* /proc/self/clear_refs: resets VmHWM */
  gsize               page_size;
  gsize               chunk_samples;

  /* The current measurement. */
  GThread            *thread;
  gint                stop;            /* atomic */
  gint64              interval_ns;
  PlSamplerAllocFunc  alloc_func;
  const gint         *line;
  gint64              t0;
  gint64              rss0;
  gint64              alloc0;
  gint64              own_bytes;       /* written by the thread only */
  gint64              hwm_peak;        /* from VmHWM; -1: unknown */
  gint64              cpu_ns;          /* CPU time the thread used */
  gboolean            hwm_reset;

  /* Start handshake. */
  GMutex              mutex;
  GCond               cond;
  gboolean            started;

  Chunk              *first;
  Chunk              *current;
};

static inline gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64)ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static inline void
touch_page (PlSampler *self,
            Chunk     *chunk,
            gboolean   counted)
{
  volatile guint8 *p = (volatile guint8 *)chunk + chunk->resident_pages * self->page_size;

  *p = 0;
  chunk->resident_pages++;
  if (counted)
    self->own_bytes += self->page_size;
}

/* A chunk is its own anonymous mapping so that its pages are fresh (never
 * resident before they are written) and can be counted exactly; huge pages
 * are refused so that writing one page makes one page resident. */
static Chunk *
chunk_new (PlSampler *self,
           gboolean   resident,
           gboolean   counted)
{
  gsize size = sizeof (Chunk) + self->chunk_samples * sizeof (PlSample);
  gsize map_size = (size + self->page_size - 1) / self->page_size * self->page_size;
  Chunk *chunk;
  void *map;

  map = mmap (NULL, map_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED)
    return NULL;
#ifdef MADV_NOHUGEPAGE
  madvise (map, map_size, MADV_NOHUGEPAGE);
#endif

  chunk = map;
  chunk->next = NULL;
  chunk->map_size = map_size;
  chunk->len = 0;
  chunk->n_pages = map_size / self->page_size;
  chunk->resident_pages = 1;   /* the header's page, written just now */
  if (counted)
    self->own_bytes += self->page_size;

  if (resident)
    while (chunk->resident_pages < chunk->n_pages)
      touch_page (self, chunk, counted);

  return chunk;
}

static void
chunk_free_all (Chunk *chunk)
{
  while (chunk != NULL)
    {
      Chunk *next = chunk->next;

      munmap (chunk, chunk->map_size);
      chunk = next;
    }
}

/**
 * pl_sampler_new:
 *
 * Opens /proc/self/statm and makes the first sample buffer resident.
 *
 * Returns: (transfer full) (nullable): a sampler, or %NULL with @error set
 */
PlSampler *
pl_sampler_new (GError **error)
{
  return pl_sampler_new_full (DEFAULT_CHUNK_SAMPLES, error);
}

/**
 * pl_sampler_new_full:
 * @chunk_samples: how many samples a buffer chunk holds
 *
 * Like pl_sampler_new() with a chosen chunk size (tests use small chunks to
 * see the buffer grow).
 */
PlSampler *
pl_sampler_new_full (gsize    chunk_samples,
                     GError **error)
{
  g_autoptr(PlSampler) self = NULL;
  long page_size = sysconf (_SC_PAGESIZE);

  g_return_val_if_fail (chunk_samples >= 2, NULL);

  self = g_new0 (PlSampler, 1);
  self->chunk_samples = chunk_samples;

  self->statm_fd = open ("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  /* The high-water mark catches a peak between two samples. Without
   * these (an old kernel, a sandbox), the samples alone give the peak. */
  self->status_fd = open ("/proc/self/status", O_RDONLY | O_CLOEXEC);
  self->clear_refs_fd = open ("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
  self->hwm_peak = -1;
  self->page_size = page_size > 0 ? (gsize)page_size : 4096;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);

  if (self->statm_fd < 0)
    {
      int errsv = errno;

      g_set_error (error, PL_ERROR, PL_ERROR_IO,
                   _("Cannot read the resident memory of the process (/proc/self/statm: %s); "
                     "Peakline measures runs only on Linux with /proc mounted."),
                   g_strerror (errsv));
      return NULL;
    }

  self->first = chunk_new (self, TRUE, FALSE);
  if (self->first == NULL)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_MEMORY,
                   _("Cannot allocate the sampler’s buffer: %s"), g_strerror (errno));
      return NULL;
    }
  self->current = self->first;

  return g_steal_pointer (&self);
}

void
pl_sampler_free (PlSampler *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    pl_sampler_stop (self);

  chunk_free_all (self->first);
  if (self->statm_fd >= 0)
    close (self->statm_fd);
  if (self->status_fd >= 0)
    close (self->status_fd);
  if (self->clear_refs_fd >= 0)
    close (self->clear_refs_fd);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

gint64
pl_sampler_read_rss (PlSampler *self)
{
  char buf[128];
  ssize_t n;
  const char *p;
  gint64 pages = 0;

  g_return_val_if_fail (self != NULL, -1);

  do
    n = pread (self->statm_fd, buf, sizeof buf - 1, 0);
  while (n < 0 && errno == EINTR);
  if (n <= 0)
    return -1;
  buf[n] = '\0';

  /* "size resident shared text lib data dt": the second field. */
  p = buf;
  while (*p >= '0' && *p <= '9')
    p++;
  while (*p == ' ')
    p++;
  if (*p < '0' || *p > '9')
    return -1;
  while (*p >= '0' && *p <= '9')
    pages = pages * 10 + (*p++ - '0');

  return pages * (gint64)self->page_size;
}

/* VmHWM of /proc/self/status in bytes, or -1. */
static gint64
read_hwm (PlSampler *self)
{
  char buf[4096];
  ssize_t n;
  const char *p;

  if (self->status_fd < 0)
    return -1;
  n = pread (self->status_fd, buf, sizeof buf - 1, 0);
  if (n <= 0)
    return -1;
  buf[n] = '\0';
  p = strstr (buf, "\nVmHWM:");
  if (p == NULL)
    return -1;

  return g_ascii_strtoll (p + 7, NULL, 10) * 1024;
}

/* Resets VmHWM to the current RSS ("5": since Linux 4.0). */
static gboolean
reset_hwm (PlSampler *self)
{
  return self->clear_refs_fd >= 0 && write (self->clear_refs_fd, "5", 1) == 1;
}

static inline void
take_sample (PlSampler *self)
{
  Chunk *chunk = self->current;
  PlSample *s;
  gint64 t = now_ns ();
  gint64 rss = pl_sampler_read_rss (self);

  if (G_UNLIKELY (chunk->len == self->chunk_samples))
    {
      /* The prepared next chunk is normally there; if the mapping failed
       * earlier, try once more now, or else keep the last sample fresh. */
      if (chunk->next == NULL)
        chunk->next = chunk_new (self, TRUE, TRUE);
      if (chunk->next == NULL)
        chunk->len--;
      else
        {
          chunk = self->current = chunk->next;
          chunk->len = 0;
        }
    }

  s = &chunk->samples[chunk->len++];
  s->time_ns = t - self->t0;
  s->rss_bytes = rss < 0 ? 0 : rss - self->rss0 - self->own_bytes;
  s->alloc_bytes = self->alloc_func != NULL ? self->alloc_func () - self->alloc0 : 0;
  s->line = self->line != NULL ? g_atomic_int_get (self->line) : 0;

  /* Grow ahead of need: past half a chunk, map the next one and write one
   * of its pages per sample (a page holds 128 samples, so it is ready
   * long before it is needed). */
  if (G_UNLIKELY (chunk->len >= self->chunk_samples / 2))
    {
      if (chunk->next == NULL)
        chunk->next = chunk_new (self, FALSE, TRUE);
      else if (chunk->next->resident_pages < chunk->next->n_pages)
        touch_page (self, chunk->next, TRUE);
    }
}

static void
sleep_until (PlSampler *self,
             gint64     deadline)
{
  for (;;)
    {
      struct timespec ts;
      gint64 target = deadline;

      if (self->interval_ns > MAX_SLEEP_NS)
        {
          gint64 now = now_ns ();

          if (now >= deadline || g_atomic_int_get (&self->stop))
            return;
          target = MIN (deadline, now + MAX_SLEEP_NS);
        }

      ts.tv_sec = target / G_GINT64_CONSTANT (1000000000);
      ts.tv_nsec = target % G_GINT64_CONSTANT (1000000000);
      while (clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;

      if (target == deadline)
        return;
    }
}

static gint64
thread_cpu_ns (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64)ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static gpointer
sampler_thread (gpointer data)
{
  PlSampler *self = data;
  gint64 deadline;
  gint64 cpu0 = thread_cpu_ns ();

  /* Linux delays timer wake-ups of normal threads by up to 50 µs (the
   * timer slack) to batch them; at a 50 µs interval that halves the rate. */
  prctl (PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);

  /* The baseline: taken here, after the thread (and its stack) exists. */
  self->hwm_reset = reset_hwm (self);
  self->t0 = now_ns ();
  self->rss0 = pl_sampler_read_rss (self);
  self->alloc0 = self->alloc_func != NULL ? self->alloc_func () : 0;
  self->own_bytes = 0;
  self->current->samples[0] = (PlSample) {
    .time_ns = 0,
    .rss_bytes = 0,
    .alloc_bytes = 0,
    .line = self->line != NULL ? g_atomic_int_get (self->line) : 0,
  };
  self->current->len = 1;

  g_mutex_lock (&self->mutex);
  self->started = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  deadline = self->t0 + self->interval_ns;
  while (!g_atomic_int_get (&self->stop))
    {
      gint64 now;

      sleep_until (self, deadline);
      if (g_atomic_int_get (&self->stop))
        break;
      take_sample (self);

      /* Absolute deadlines: a late wake-up does not shift the grid, and
       * missed slots are skipped rather than taken in a burst. */
      deadline += self->interval_ns;
      now = now_ns ();
      if (deadline <= now)
        deadline += ((now - deadline) / self->interval_ns + 1) * self->interval_ns;
    }

  /* The last sample marks the end of the pipeline. */
  take_sample (self);
  self->cpu_ns = thread_cpu_ns () - cpu0;

  return NULL;
}

gboolean
pl_sampler_start (PlSampler          *self,
                  gint64              interval_ns,
                  PlSamplerAllocFunc  alloc_func,
                  const gint         *line,
                  gint64             *start_ns,
                  GError            **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);
  g_return_val_if_fail (interval_ns > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Reuse the chunks of the last measurement: they are resident already. */
  for (Chunk *c = self->first; c != NULL; c = c->next)
    c->len = 0;
  self->current = self->first;

  self->interval_ns = interval_ns;
  self->alloc_func = alloc_func;
  self->line = line;
  self->started = FALSE;
  g_atomic_int_set (&self->stop, 0);

  self->thread = g_thread_try_new ("pl-sampler", sampler_thread, self, &local_error);
  if (self->thread == NULL)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_RUNTIME,
                   _("Cannot start the memory sampler: %s"), local_error->message);
      g_clear_error (&local_error);
      return FALSE;
    }

  g_mutex_lock (&self->mutex);
  while (!self->started)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (start_ns != NULL)
    *start_ns = self->t0;

  return TRUE;
}

void
pl_sampler_stop (PlSampler *self)
{
  g_return_if_fail (self != NULL);

  if (self->thread == NULL)
    return;

  g_atomic_int_set (&self->stop, 1);
  g_thread_join (self->thread);
  self->thread = NULL;

  self->hwm_peak = -1;
  if (self->hwm_reset)
    {
      gint64 hwm = read_hwm (self);

      if (hwm >= 0)
        self->hwm_peak = MAX (0, hwm - self->rss0 - self->own_bytes);
    }
}

/**
 * pl_sampler_get_peak_rss:
 *
 * Returns: the highest resident memory of the last measurement above its
 *   baseline: the kernel's high-water mark (reset at the baseline) when
 *   it is available, else the highest sample
 */
gint64
pl_sampler_get_peak_rss (PlSampler *self)
{
  gint64 peak = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->thread == NULL, 0);

  for (Chunk *c = self->first; c != NULL; c = c->next)
    {
      for (gsize i = 0; i < c->len; i++)
        peak = MAX (peak, c->samples[i].rss_bytes);
      if (c == self->current)
        break;
    }

  return MAX (peak, self->hwm_peak);
}

gboolean
pl_sampler_is_running (PlSampler *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->thread != NULL;
}

gsize
pl_sampler_get_n_samples (PlSampler *self)
{
  gsize n = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->thread == NULL, 0);

  for (Chunk *c = self->first; c != NULL; c = c->next)
    {
      n += c->len;
      if (c == self->current)
        break;
    }

  return n;
}

void
pl_sampler_get_sample (PlSampler *self,
                       gsize      index,
                       PlSample  *sample)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->thread == NULL);
  g_return_if_fail (sample != NULL);

  for (Chunk *c = self->first; c != NULL; c = c->next)
    {
      if (index < c->len)
        {
          *sample = c->samples[index];
          return;
        }
      index -= c->len;
      if (c == self->current)
        break;
    }

  g_return_if_reached ();
}

void
pl_sampler_copy_to (PlSampler     *self,
                    PlPipelineRun *pipeline)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->thread == NULL);
  g_return_if_fail (pipeline != NULL);

  for (Chunk *c = self->first; c != NULL; c = c->next)
    {
      for (gsize i = 0; i < c->len; i++)
        pl_pipeline_run_append_sample (pipeline, &c->samples[i]);
      if (c == self->current)
        break;
    }

  if (self->hwm_peak >= 0)
    pl_pipeline_run_note_peak_rss (pipeline, self->hwm_peak);
}

gint64
pl_sampler_get_cpu_ns (PlSampler *self)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->thread == NULL, 0);

  return self->cpu_ns;
}

gint64
pl_sampler_get_own_bytes (PlSampler *self)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->thread == NULL, 0);

  return self->own_bytes;
}
