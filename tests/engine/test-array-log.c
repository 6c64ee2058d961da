/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-alloc.h"
#include "engine/pl-array.h"

/* The array log: what the inspector shows (which arrays are alive, their
 * shape and dtype, which views which) comes from these events. */

typedef struct
{
  PlArrayEvent *events;
  gsize         n;
  PlAllocEvent *allocs;
  gsize         n_allocs;
} Log;

static void
log_stop (Log *log)
{
  log->allocs = pl_alloc_stop_recording_full (&log->n_allocs, &log->events, &log->n);
}

static void
log_clear (Log *log)
{
  g_clear_pointer (&log->events, g_free);
  g_clear_pointer (&log->allocs, g_free);
}

static const PlArrayEvent *
find_event (const Log *log,
            guint64    array_id,
            guint8     kind)
{
  for (gsize i = 0; i < log->n; i++)
    if (log->events[i].array_id == array_id && log->events[i].kind == kind)
      return &log->events[i];
  return NULL;
}

static void
test_new_view_free (void)
{
  static const gint64 shape[2] = { 1000, 10 };
  g_autoptr(GError) error = NULL;
  Log log = { 0 };
  const PlArrayEvent *e;
  PlIndex index[2] = {
    { .kind = PL_INDEX_SLICE },
    { .kind = PL_INDEX_SLICE, .has_step = TRUE, .step = 2 },
  };
  PlArray *big, *view, *view_of_view;
  guint64 big_id, view_id, vv_id, buffer_id;

  pl_alloc_start_recording ();
  pl_alloc_set_line (3);
  big = pl_array_ones (2, shape, PL_DTYPE_FLOAT64, &error);
  g_assert_no_error (error);
  pl_alloc_set_line (4);
  view = pl_array_get_item (big, index, 2, &error);
  g_assert_no_error (error);
  /* A view of a view: NumPy's base is the owner. */
  view_of_view = pl_array_get_item (view, index, 1, &error);
  g_assert_no_error (error);
  big_id = big->id;
  view_id = view->id;
  vv_id = view_of_view->id;
  buffer_id = big->buffer->id;
  g_assert_cmpuint (big_id, !=, view_id);
  pl_alloc_set_line (5);
  pl_array_unref (view);
  pl_array_unref (view_of_view);
  pl_alloc_set_line (6);
  pl_array_unref (big);
  log_stop (&log);

  g_assert_cmpuint (log.n, ==, 6);

  e = find_event (&log, big_id, PL_ARRAY_EVENT_NEW);
  g_assert_nonnull (e);
  g_assert_cmpint (e->line, ==, 3);
  g_assert_cmpuint (e->base_id, ==, 0);
  g_assert_cmpuint (e->buffer_id, ==, buffer_id);
  g_assert_cmpint (e->dtype, ==, PL_DTYPE_FLOAT64);
  g_assert_cmpint (e->ndim, ==, 2);
  g_assert_cmpint (e->shape[0], ==, 1000);
  g_assert_cmpint (e->shape[1], ==, 10);
  g_assert_cmpint (e->nbytes, ==, 80000);

  e = find_event (&log, view_id, PL_ARRAY_EVENT_NEW);
  g_assert_nonnull (e);
  g_assert_cmpint (e->line, ==, 4);
  g_assert_cmpuint (e->base_id, ==, big_id);
  g_assert_cmpuint (e->buffer_id, ==, buffer_id);
  g_assert_cmpint (e->shape[0], ==, 1000);
  g_assert_cmpint (e->shape[1], ==, 5);
  g_assert_cmpint (e->nbytes, ==, 40000);

  e = find_event (&log, vv_id, PL_ARRAY_EVENT_NEW);
  g_assert_nonnull (e);
  g_assert_cmpuint (e->base_id, ==, big_id);

  e = find_event (&log, view_id, PL_ARRAY_EVENT_FREE);
  g_assert_nonnull (e);
  g_assert_cmpint (e->line, ==, 5);
  /* The owner outlives its views: they hold a reference to it. */
  e = find_event (&log, big_id, PL_ARRAY_EVENT_FREE);
  g_assert_nonnull (e);
  g_assert_cmpint (e->line, ==, 6);

  /* In time order, and the buffer is freed after its last array. */
  for (gsize i = 1; i < log.n; i++)
    g_assert_cmpint (log.events[i].time_ns, >=, log.events[i - 1].time_ns);
  g_assert_cmpuint (log.n_allocs, ==, 2);
  g_assert_cmpint (log.allocs[1].bytes, ==, -80000);
  g_assert_cmpint (log.allocs[1].time_ns, >=, e->time_ns);
  log_clear (&log);
}

static void
test_not_recording (void)
{
  static const gint64 n = 100;
  g_autoptr(GError) error = NULL;
  Log log = { 0 };
  PlArray *a;

  /* Arrays made and dropped outside a recording leave nothing behind. */
  a = pl_array_zeros (1, &n, PL_DTYPE_INT32, &error);
  g_assert_no_error (error);
  pl_array_unref (a);

  pl_alloc_start_recording ();
  log_stop (&log);
  g_assert_cmpuint (log.n, ==, 0);
  g_assert_null (log.events);

  /* A plain stop drops the array log: the next recording starts empty. */
  pl_alloc_start_recording ();
  a = pl_array_zeros (1, &n, PL_DTYPE_INT32, &error);
  g_assert_no_error (error);
  g_free (pl_alloc_stop_recording (NULL));
  pl_alloc_start_recording ();
  pl_array_unref (a);
  log_stop (&log);
  /* Only the free, of an array made before this recording. */
  g_assert_cmpuint (log.n, ==, 1);
  g_assert_cmpint (log.events[0].kind, ==, PL_ARRAY_EVENT_FREE);
  log_clear (&log);
}

static void
test_scalars_not_logged (void)
{
  PlScalar one = { .kind = PL_DTYPE_KIND_FLOAT, .f = 1.0 };
  Log log = { 0 };
  PlArray *s;

  pl_alloc_start_recording ();
  s = pl_array_new_scalar (&one, PL_DTYPE_NONE);
  pl_array_unref (s);
  log_stop (&log);
  g_assert_cmpuint (log.n, ==, 0);
  log_clear (&log);
}

static void
test_existing (void)
{
  static const gint64 n = 1000;
  g_autoptr(GError) error = NULL;
  PlIndex index = { .kind = PL_INDEX_SLICE, .has_step = TRUE, .step = 2 };
  Log log = { 0 };
  const PlArrayEvent *e;
  PlArray *a, *v;

  a = pl_array_ones (1, &n, PL_DTYPE_FLOAT32, &error);
  g_assert_no_error (error);
  v = pl_array_get_item (a, &index, 1, &error);
  g_assert_no_error (error);

  pl_alloc_start_recording ();
  /* Noting a view notes the array it views too. */
  pl_array_note_existing (v);
  log_stop (&log);

  g_assert_cmpuint (log.n, ==, 2);
  e = find_event (&log, a->id, PL_ARRAY_EVENT_EXISTING);
  g_assert_nonnull (e);
  g_assert_cmpint (e->nbytes, ==, 4000);
  g_assert_cmpint (e->dtype, ==, PL_DTYPE_FLOAT32);
  e = find_event (&log, v->id, PL_ARRAY_EVENT_EXISTING);
  g_assert_nonnull (e);
  g_assert_cmpuint (e->base_id, ==, a->id);
  g_assert_cmpint (e->shape[0], ==, 500);
  log_clear (&log);

  pl_array_unref (v);
  pl_array_unref (a);
}

static void
test_many_dims (void)
{
  gint64 shape[12];
  g_autoptr(GError) error = NULL;
  Log log = { 0 };
  PlArray *a;

  for (guint d = 0; d < G_N_ELEMENTS (shape); d++)
    shape[d] = d + 1 < G_N_ELEMENTS (shape) ? 1 : 3;

  pl_alloc_start_recording ();
  a = pl_array_empty (G_N_ELEMENTS (shape), shape, PL_DTYPE_INT8, &error);
  g_assert_no_error (error);
  log_stop (&log);

  /* The real ndim, the first dimensions, the real size. */
  g_assert_cmpuint (log.n, ==, 1);
  g_assert_cmpint (log.events[0].ndim, ==, 12);
  g_assert_cmpint (log.events[0].shape[PL_ARRAY_EVENT_MAX_DIMS - 1], ==, 1);
  g_assert_cmpint (log.events[0].nbytes, ==, 3);
  log_clear (&log);
  pl_array_unref (a);
}

static void
test_flatten (void)
{
  static const gint64 shape[2] = { 4, 6 };
  g_autoptr(GError) error = NULL;
  Log log = { 0 };
  PlArray *a, *t, *flat;
  double *values;

  a = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 0 },
                       &(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 24 },
                       &(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 1 },
                       PL_DTYPE_FLOAT64, &error);
  g_assert_no_error (error);
  t = pl_array_reshape (a, 2, shape, &error);
  g_assert_no_error (error);
  pl_array_unref (a);
  a = pl_array_transpose (t, 0, NULL, &error);
  g_assert_no_error (error);

  pl_alloc_start_recording ();
  flat = pl_array_flatten (a, &error);
  g_assert_no_error (error);
  log_stop (&log);

  /* An owning 1-d copy from the start, in C order of the transpose. */
  g_assert_cmpuint (log.n, ==, 1);
  g_assert_cmpint (log.events[0].kind, ==, PL_ARRAY_EVENT_NEW);
  g_assert_cmpint (log.events[0].ndim, ==, 1);
  g_assert_cmpint (log.events[0].shape[0], ==, 24);
  g_assert_cmpuint (log.events[0].base_id, ==, 0);
  g_assert_cmpuint (log.n_allocs, ==, 1);
  g_assert_cmpint (log.allocs[0].bytes, ==, 192);
  g_assert_cmpint (log.allocs[0].reason, ==, PL_ALLOC_REASON_COPY);
  g_assert_cmpint (flat->ndim, ==, 1);
  g_assert_cmpint (flat->strides[0], ==, 8);
  g_assert_null (flat->base);
  values = (double *) flat->data;
  /* x.T.flatten() of arange(24).reshape(4, 6): 0, 6, 12, 18, 1, 7, ... */
  g_assert_cmpfloat (values[0], ==, 0.0);
  g_assert_cmpfloat (values[1], ==, 6.0);
  g_assert_cmpfloat (values[3], ==, 18.0);
  g_assert_cmpfloat (values[4], ==, 1.0);
  g_assert_cmpfloat (values[23], ==, 23.0);
  log_clear (&log);

  pl_array_unref (flat);
  pl_array_unref (a);
  pl_array_unref (t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/array-log/new-view-free", test_new_view_free);
  g_test_add_func ("/engine/array-log/not-recording", test_not_recording);
  g_test_add_func ("/engine/array-log/scalars", test_scalars_not_logged);
  g_test_add_func ("/engine/array-log/existing", test_existing);
  g_test_add_func ("/engine/array-log/many-dims", test_many_dims);
  g_test_add_func ("/engine/array-log/flatten", test_flatten);

  return g_test_run ();
}
