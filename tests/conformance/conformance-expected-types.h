/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

typedef struct
{
  gint   line;
  guint  hits;
  gint64 peak_alloc_bytes;
  gint64 live_alloc_bytes;
} ConformanceLine;

typedef struct
{
  guint            experiment;   /* its analyze_memory call, from 0 */
  const char      *name;
  gint64           peak_alloc_bytes;
  gint64           final_alloc_bytes;
  guint            n_lines;
  ConformanceLine  lines[24];
} ConformancePipeline;

typedef struct
{
  const char          *file;
  guint                n_experiments;
  guint                n_pipelines;   /* of all experiments, in order */
  ConformancePipeline  pipelines[8];
  /* What CPython prints running the script. */
  const char          *output;
  /* A mismatch handed over to its layer's owner (findings reference), and
   * the checks it affects, space-separated ("main/13/peak", "main/final",
   * "stdout"); NULL when the script agrees entirely. */
  const char          *known_failure;
  const char          *known_checks;
} ConformanceCase;
