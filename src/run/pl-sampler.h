/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "run/pl-run.h"

G_BEGIN_DECLS

/* The RSS sampler: a dedicated thread that wakes at absolute deadlines
 * (clock_nanosleep with TIMER_ABSTIME) and records the process's resident
 * memory, the allocator's live bytes and the current line. RSS comes from a
 * pread() of /proc/self/statm on a descriptor kept open, the cheapest exact
 * reading Linux offers.
 *
 * Samples go to a buffer made of chunks. The first chunk is allocated and
 * made resident before the baseline; further chunks are made resident a
 * page at a time ahead of need, and the pages the sampler makes resident
 * after the baseline are subtracted from the RSS it reports, so the
 * sampler never measures itself.
 *
 * One sampler measures one pipeline at a time; it can be started again for
 * the next pipeline and keeps its buffers. Not thread-safe: start and stop
 * it from one thread. */

typedef struct _PlSampler PlSampler;

/* Returns the allocator's live bytes (pl_alloc_get_live_bytes in a run). */
typedef gint64 (*PlSamplerAllocFunc) (void);

PlSampler *pl_sampler_new           (GError             **error);
PlSampler *pl_sampler_new_full      (gsize                chunk_samples,
                                     GError             **error);
void       pl_sampler_free          (PlSampler           *self);

/* The resident set of the process now, in bytes (-1 if it cannot be read). */
gint64     pl_sampler_read_rss      (PlSampler           *self);

/* Starts the thread, which takes the baseline sample (time 0, 0 bytes)
 * before this returns. @alloc_func may be NULL (alloc_bytes stay 0);
 * @line may be NULL, else it is read atomically at each sample. Sets
 * @start_ns to the baseline's time on the CLOCK_MONOTONIC clock of
 * pl_alloc_now_ns(). */
gboolean   pl_sampler_start         (PlSampler           *self,
                                     gint64               interval_ns,
                                     PlSamplerAllocFunc   alloc_func,
                                     const gint          *line,
                                     gint64              *start_ns,
                                     GError             **error);
/* Takes a last sample and joins the thread. */
void       pl_sampler_stop          (PlSampler           *self);
gboolean   pl_sampler_is_running    (PlSampler           *self);

/* The samples of the last start/stop, relative to its baseline. */
gsize      pl_sampler_get_n_samples (PlSampler           *self);
void       pl_sampler_get_sample    (PlSampler           *self,
                                     gsize                index,
                                     PlSample            *sample);
/* The peak above the baseline: the kernel's high-water mark (VmHWM, reset
 * at the baseline through /proc/self/clear_refs), which sees a peak
 * between two samples, or the highest sample where it is unavailable. */
gint64     pl_sampler_get_peak_rss  (PlSampler           *self);
/* Appends them all to @pipeline, and notes the peak. */
void       pl_sampler_copy_to       (PlSampler           *self,
                                     PlPipelineRun       *pipeline);
/* Bytes of sampler buffers made resident after the last baseline (already
 * subtracted from the samples' rss_bytes). */
gint64     pl_sampler_get_own_bytes (PlSampler           *self);

/* CPU time the sampler thread used during the last measurement: what
 * sampling costs a machine whose cores are all busy. */
gint64     pl_sampler_get_cpu_ns    (PlSampler           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlSampler, pl_sampler_free)

G_END_DECLS
