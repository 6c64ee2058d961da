/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-numexpr-private.h"

/* A persistent pool of worker threads, as numexpr keeps one: threads are
 * started on first use (and when the thread count grows) and then sleep on a
 * condition variable between jobs, so an evaluation costs a wake-up, not a
 * thread creation. The calling thread works too (it is thread 0). Jobs are
 * serialised by the caller (pl-numexpr.c holds its evaluation lock). */

typedef struct
{
  GMutex      lock;
  GCond       start;
  GCond       done;
  guint       n_spawned;     /* worker threads alive (never shrinks) */
  guint64     generation;    /* bumped for every job */
  guint       n_job_workers; /* workers taking part in the current job */
  guint       n_pending;     /* of those, still running */
  NePoolFunc  func;
  gpointer    user_data;
} Pool;

static Pool pool;

typedef struct
{
  guint   index;       /* 1.. */
  guint64 generation;  /* the generation current when it was spawned */
} WorkerStart;

static gpointer
worker_main (gpointer data)
{
  WorkerStart *start = data;
  guint index = start->index;
  guint64 seen = start->generation;

  g_free (start);
  g_mutex_lock (&pool.lock);
  for (;;)
    {
      NePoolFunc func;
      gpointer user_data;

      while (pool.generation == seen)
        g_cond_wait (&pool.start, &pool.lock);
      seen = pool.generation;
      if (index > pool.n_job_workers)
        continue;
      func = pool.func;
      user_data = pool.user_data;
      g_mutex_unlock (&pool.lock);

      func (index, user_data);

      g_mutex_lock (&pool.lock);
      if (--pool.n_pending == 0)
        g_cond_broadcast (&pool.done);
    }
  g_mutex_unlock (&pool.lock);
  return NULL;
}

void
ne_pool_run (guint      n_threads,
             NePoolFunc func,
             gpointer   user_data)
{
  guint n_workers = n_threads > 0 ? n_threads - 1 : 0;

  if (n_workers == 0)
    {
      func (0, user_data);
      return;
    }

  g_mutex_lock (&pool.lock);
  while (pool.n_spawned < n_workers)
    {
      char name[32];
      GThread *thread;
      WorkerStart *start = g_new (WorkerStart, 1);

      /* A new worker remembers the generation before the job published
       * below, so it takes part in that job however late it starts. */
      start->index = pool.n_spawned + 1;
      start->generation = pool.generation;
      g_snprintf (name, sizeof name, "pl-numexpr-%u", pool.n_spawned + 1);
      thread = g_thread_new (name, worker_main, start);
      g_thread_unref (thread);
      pool.n_spawned++;
    }
  pool.func = func;
  pool.user_data = user_data;
  pool.n_job_workers = n_workers;
  pool.n_pending = n_workers;
  pool.generation++;
  g_cond_broadcast (&pool.start);
  g_mutex_unlock (&pool.lock);

  func (0, user_data);

  g_mutex_lock (&pool.lock);
  while (pool.n_pending > 0)
    g_cond_wait (&pool.done, &pool.lock);
  pool.func = NULL;
  pool.user_data = NULL;
  g_mutex_unlock (&pool.lock);
}
