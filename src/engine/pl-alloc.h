/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The instrumented allocator. Every array data buffer comes from here. It calls
 * the C library exactly as NumPy does on Linux (malloc for empty and results,
 * calloc for zeros, free at the last reference, madvise(MADV_HUGEPAGE) for
 * buffers of 4 MiB or more), so resident memory behaves as NumPy's does.
 *
 * It is process-wide (resident memory is per process, so runs are serialised),
 * thread-safe (the fused evaluator allocates scratch from pool threads), and it
 * records every allocation and free while a recording is active. */

typedef enum
{
  PL_ALLOC_REASON_CREATE,     /* np.empty/zeros/ones/arange/random... */
  PL_ALLOC_REASON_COPY,       /* .copy(), np.array(x), flatten, a reshape that copies */
  PL_ALLOC_REASON_TEMPORARY,  /* an intermediate of an expression */
  PL_ALLOC_REASON_RESULT,     /* the result of an operation or ufunc */
  PL_ALLOC_REASON_MASK,       /* boolean masks and fancy-indexing results */
  PL_ALLOC_REASON_ELIDED,     /* not an allocation: a result written into a temporary */
  PL_ALLOC_REASON_SCRATCH,    /* evaluator scratch registers and buffers */
  PL_N_ALLOC_REASONS,
} PlAllocReason;

typedef enum
{
  PL_ALLOC_INIT_NONE,   /* malloc: pages become resident when written */
  PL_ALLOC_INIT_ZERO,   /* calloc: for large sizes, fresh zero pages from mmap */
} PlAllocInit;

typedef struct
{
  gint64  time_ns;      /* pl_alloc_now_ns () when it happened */
  gint64  bytes;        /* > 0 for an allocation, < 0 for a free, 0 for an elision */
  guint64 buffer_id;
  gint32  line;         /* the line tag current when it happened (0: none) */
  guint8  reason;       /* a PlAllocReason */
  guint64 span;         /* pl_alloc_get_span () when it happened (0: unknown) */
} PlAllocEvent;

/* What happened to an array (an ndarray object, not its data): the array
 * log, recorded beside the allocation events, tells which arrays are alive
 * at any moment, their shape and dtype, and which one views which. */
typedef enum
{
  PL_ARRAY_EVENT_NEW,       /* made while recording */
  PL_ARRAY_EVENT_EXISTING,  /* alive before recording started (noted by the caller) */
  PL_ARRAY_EVENT_FREE,      /* its last reference went */
  PL_ARRAY_EVENT_NAME,      /* @name now names array @array_id (0: no array;
                             * a NULL name: every name is gone) */
} PlArrayEventKind;

/* Dimensions of a shape the log keeps; arrays with more keep their first. */
#define PL_ARRAY_EVENT_MAX_DIMS 8

typedef struct
{
  gint64  time_ns;      /* as PlAllocEvent.time_ns */
  guint64 array_id;
  guint64 base_id;      /* the array whose data this one views; 0: it owns its data */
  guint64 buffer_id;    /* the buffer holding its elements */
  guint64 span;         /* pl_alloc_get_span () when it happened */
  gint64  nbytes;       /* its elements' bytes (a view's, not its buffer's) */
  gint64  shape[PL_ARRAY_EVENT_MAX_DIMS];
  const char *name;     /* PL_ARRAY_EVENT_NAME: a variable (an interned string) */
  gint32  line;         /* the line tag current when it happened */
  guint8  kind;         /* a PlArrayEventKind */
  guint8  dtype;        /* a PlDType */
  guint8  ndim;         /* may exceed PL_ARRAY_EVENT_MAX_DIMS */
} PlArrayEvent;

/* A reference-counted block of array data. Arrays and their views share one. */
typedef struct _PlBuffer PlBuffer;
struct _PlBuffer
{
  /*< private >*/
  gint          ref_count;
  /*< public, read-only >*/
  guint64       id;
  gsize         nbytes;
  guint8       *data;
  PlAllocReason reason;
};

PlBuffer     *pl_buffer_new               (gsize          nbytes,
                                           PlAllocInit    init,
                                           PlAllocReason  reason,
                                           GError       **error);
PlBuffer     *pl_buffer_ref               (PlBuffer      *buffer);
void          pl_buffer_unref             (PlBuffer      *buffer);

/* The clock of events and samples: CLOCK_MONOTONIC in nanoseconds. */
gint64        pl_alloc_now_ns             (void);

/* The current line tag, stamped on every event (set by the interpreter). */
void          pl_alloc_set_line           (gint32         line);
gint32        pl_alloc_get_line           (void);
/* The sequence number of the current line tag: every pl_alloc_set_line
 * call takes the next one (it starts at 1 and never repeats in a process),
 * and every event is stamped with it, so a run matches events to line
 * hits exactly, whatever the events' times. */
guint64       pl_alloc_get_span           (void);

/* Exact counters of live array bytes, whether or not recording is on. */
gint64        pl_alloc_get_live_bytes     (void);
gint64        pl_alloc_get_peak_bytes     (void);
void          pl_alloc_reset_peak         (void);

/* The largest single buffer the allocator will try (default: the machine's
 * physical memory). Larger requests fail with PL_ERROR_MEMORY. */
void          pl_alloc_set_limit          (gsize          max_bytes);
gsize         pl_alloc_get_limit          (void);

/* Recording: start a fresh log; stop returns it (free with g_free). Elisions
 * are recorded as events of 0 bytes with PL_ALLOC_REASON_ELIDED. */
void          pl_alloc_start_recording    (void);
gboolean      pl_alloc_is_recording       (void);
PlAllocEvent *pl_alloc_stop_recording     (gsize         *n_events);
/* The same, also returning the array log (free with g_free). */
PlAllocEvent *pl_alloc_stop_recording_full (gsize        *n_events,
                                            PlArrayEvent **array_events,
                                            gsize        *n_array_events);
/* Appends @event to the array log while recording (its time, line and span
 * are filled in here); does nothing otherwise. The engine's arrays call it. */
void          pl_alloc_record_array       (PlArrayEvent  *event);
void          pl_alloc_note_elision       (guint64        buffer_id,
                                           gsize          nbytes);

/* Formats a byte count as NumPy's MemoryError does: "7.28 TiB". */
char         *pl_format_bytes             (guint64        bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlBuffer, pl_buffer_unref)

G_END_DECLS
