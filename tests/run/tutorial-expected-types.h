/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

typedef struct
{
  gint   line;
  guint  hits;
  gint64 peak_alloc_bytes;
  gint64 live_alloc_bytes;
} ExpectedLine;

typedef struct
{
  const char   *name;
  gint64        peak_alloc_bytes;
  gint64        final_alloc_bytes;
  guint         n_lines;
  ExpectedLine  lines[16];
} ExpectedPipeline;

typedef struct
{
  const char       *file;
  guint             section;
  guint             n_pipelines;
  ExpectedPipeline  pipelines[3];
} ExpectedCase;
