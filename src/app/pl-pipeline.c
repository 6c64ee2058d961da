/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "engine/pl-error.h"

#include "pl-code.h"
#include "pl-pipeline.h"

struct _PlPipeline
{
  GObject parent_instance;

  char       *name;
  char       *arguments;
  GListStore *steps;
  gboolean    is_function;

  /* How it was written when read: see pl_pipeline_set_source(). */
  char       *leading;
  char       *header;
  char       *header_key;
  guint       body_indent;
  guint       block_indent;
};

G_DEFINE_FINAL_TYPE (PlPipeline, pl_pipeline, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ARGUMENTS,
  PROP_IS_FUNCTION,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pl_pipeline_emit_changed_full (PlPipeline *self,
                               PlStep     *step)
{
  g_signal_emit (self, signals[CHANGED], 0, step);
}

static void
pl_pipeline_emit_changed (PlPipeline *self)
{
  pl_pipeline_emit_changed_full (self, NULL);
}

static void
on_step_code_notify (PlStep     *step,
                     GParamSpec *pspec,
                     PlPipeline *self)
{
  pl_pipeline_emit_changed_full (self, step);
}

static void
on_step_indent_notify (PlStep     *step,
                       GParamSpec *pspec,
                       PlPipeline *self)
{
  pl_pipeline_emit_changed (self);
}

static void
pl_pipeline_dispose (GObject *object)
{
  PlPipeline *self = PL_PIPELINE (object);

  if (self->steps != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PlStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

          g_signal_handlers_disconnect_by_data (step, self);
        }
    }
  g_clear_object (&self->steps);

  G_OBJECT_CLASS (pl_pipeline_parent_class)->dispose (object);
}

static void
pl_pipeline_finalize (GObject *object)
{
  PlPipeline *self = PL_PIPELINE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->arguments, g_free);
  g_clear_pointer (&self->leading, g_free);
  g_clear_pointer (&self->header, g_free);
  g_clear_pointer (&self->header_key, g_free);

  G_OBJECT_CLASS (pl_pipeline_parent_class)->finalize (object);
}

static void
pl_pipeline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PlPipeline *self = PL_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, pl_pipeline_get_name (self));
      break;
    case PROP_ARGUMENTS:
      g_value_set_string (value, pl_pipeline_get_arguments (self));
      break;
    case PROP_IS_FUNCTION:
      g_value_set_boolean (value, pl_pipeline_get_is_function (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_pipeline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PlPipeline *self = PL_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pl_pipeline_set_name (self, g_value_get_string (value));
      break;
    case PROP_ARGUMENTS:
      pl_pipeline_set_arguments (self, g_value_get_string (value));
      break;
    case PROP_IS_FUNCTION:
      self->is_function = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_pipeline_class_init (PlPipelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pl_pipeline_dispose;
  object_class->finalize = pl_pipeline_finalize;
  object_class->get_property = pl_pipeline_get_property;
  object_class->set_property = pl_pipeline_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARGUMENTS] =
    g_param_spec_string ("arguments", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_FUNCTION] =
    g_param_spec_boolean ("is-function", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PL_TYPE_STEP);
}

static void
pl_pipeline_init (PlPipeline *self)
{
  self->name = g_strdup ("");
  self->arguments = g_strdup ("");
  self->steps = g_list_store_new (PL_TYPE_STEP);
  self->is_function = TRUE;
  self->body_indent = 4;
  self->block_indent = 4;
}

PlPipeline *
pl_pipeline_new (const char *name,
                 gboolean    is_function)
{
  return g_object_new (PL_TYPE_PIPELINE,
                       "name", name,
                       "is-function", is_function,
                       NULL);
}

PlPipeline *
pl_pipeline_copy (PlPipeline *self,
                  const char *name)
{
  PlPipeline *copy;
  guint n;

  g_return_val_if_fail (PL_IS_PIPELINE (self), NULL);

  copy = pl_pipeline_new (name ? name : self->name, self->is_function);
  pl_pipeline_set_arguments (copy, self->arguments);
  copy->leading = g_strdup (self->leading);
  copy->header = g_strdup (self->header);
  copy->header_key = g_strdup (self->header_key);
  copy->body_indent = self->body_indent;
  copy->block_indent = self->block_indent;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);
      g_autoptr(PlStep) step_copy = pl_step_copy (step);

      pl_pipeline_append_step (copy, step_copy);
    }

  return copy;
}

const char *
pl_pipeline_get_name (PlPipeline *self)
{
  g_return_val_if_fail (PL_IS_PIPELINE (self), NULL);

  return self->name;
}

void
pl_pipeline_set_name (PlPipeline *self,
                      const char *name)
{
  g_return_if_fail (PL_IS_PIPELINE (self));

  if (name == NULL)
    name = "";

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  pl_pipeline_emit_changed (self);
}

const char *
pl_pipeline_get_arguments (PlPipeline *self)
{
  g_return_val_if_fail (PL_IS_PIPELINE (self), NULL);

  return self->arguments;
}

void
pl_pipeline_set_arguments (PlPipeline *self,
                           const char *arguments)
{
  g_return_if_fail (PL_IS_PIPELINE (self));

  if (arguments == NULL)
    arguments = "";

  if (g_strcmp0 (self->arguments, arguments) == 0)
    return;

  g_free (self->arguments);
  self->arguments = g_strdup (arguments);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARGUMENTS]);
  pl_pipeline_emit_changed (self);
}

gboolean
pl_pipeline_get_is_function (PlPipeline *self)
{
  g_return_val_if_fail (PL_IS_PIPELINE (self), FALSE);

  return self->is_function;
}

GListModel *
pl_pipeline_get_steps (PlPipeline *self)
{
  g_return_val_if_fail (PL_IS_PIPELINE (self), NULL);

  return G_LIST_MODEL (self->steps);
}

guint
pl_pipeline_get_n_steps (PlPipeline *self)
{
  g_return_val_if_fail (PL_IS_PIPELINE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->steps));
}

PlStep *
pl_pipeline_get_step (PlPipeline *self,
                      guint       position)
{
  g_autoptr(PlStep) step = NULL;

  g_return_val_if_fail (PL_IS_PIPELINE (self), NULL);

  step = g_list_model_get_item (G_LIST_MODEL (self->steps), position);
  /* The store keeps its reference: the step is borrowed. */
  return step;
}

void
pl_pipeline_insert_step (PlPipeline *self,
                         guint       position,
                         PlStep     *step)
{
  g_return_if_fail (PL_IS_PIPELINE (self));
  g_return_if_fail (PL_IS_STEP (step));

  position = MIN (position, pl_pipeline_get_n_steps (self));
  g_signal_connect_object (step, "notify::code", G_CALLBACK (on_step_code_notify), self, 0);
  g_signal_connect_object (step, "notify::indent", G_CALLBACK (on_step_indent_notify), self, 0);
  g_list_store_insert (self->steps, position, step);
  pl_pipeline_emit_changed (self);
}

void
pl_pipeline_append_step (PlPipeline *self,
                         PlStep     *step)
{
  pl_pipeline_insert_step (self, G_MAXUINT, step);
}

void
pl_pipeline_remove_step (PlPipeline *self,
                         guint       position)
{
  g_autoptr(PlStep) step = NULL;

  g_return_if_fail (PL_IS_PIPELINE (self));
  g_return_if_fail (position < pl_pipeline_get_n_steps (self));

  step = g_list_model_get_item (G_LIST_MODEL (self->steps), position);
  g_signal_handlers_disconnect_by_data (step, self);
  g_list_store_remove (self->steps, position);
  pl_pipeline_emit_changed (self);
}

void
pl_pipeline_move_step (PlPipeline *self,
                       guint       from,
                       guint       to)
{
  g_autoptr(PlStep) step = NULL;
  guint n;

  g_return_if_fail (PL_IS_PIPELINE (self));

  n = pl_pipeline_get_n_steps (self);
  g_return_if_fail (from < n);

  to = MIN (to, n - 1);
  if (from == to)
    return;

  step = g_list_model_get_item (G_LIST_MODEL (self->steps), from);
  /* The store is changed directly, so that the move is one "changed" and
   * undo sees it as one edit. */
  g_list_store_remove (self->steps, from);
  g_list_store_insert (self->steps, to, step);
  pl_pipeline_emit_changed (self);
}

GStrv
pl_pipeline_dup_parameters (PlPipeline *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) pieces = NULL;

  g_return_val_if_fail (PL_IS_PIPELINE (self), NULL);

  if (!self->is_function)
    return g_strv_builder_end (builder);

  pieces = pl_code_split_top_level (self->arguments, ',');
  for (guint i = 0; pieces && pieces[i]; i++)
    {
      const char *eq = strchr (pieces[i], '=');
      g_autofree char *name = NULL;

      if (*pieces[i] == '\0')
        continue;
      name = eq ? g_strndup (pieces[i], eq - pieces[i]) : g_strdup (pieces[i]);
      g_strstrip (name);
      g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);
}

char *
pl_pipeline_dup_call_arguments (PlPipeline *self)
{
  g_auto(GStrv) pieces = NULL;
  GString *out;

  g_return_val_if_fail (PL_IS_PIPELINE (self), NULL);

  if (!self->is_function)
    return g_strdup (self->arguments);

  out = g_string_new (NULL);
  pieces = pl_code_split_top_level (self->arguments, ',');
  for (guint i = 0; pieces && pieces[i]; i++)
    {
      const char *eq = strchr (pieces[i], '=');

      if (*pieces[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      if (eq != NULL)
        {
          g_autofree char *value = g_strstrip (g_strdup (eq + 1));
          g_string_append (out, value);
        }
      else
        g_string_append (out, pieces[i]);
    }

  return g_string_free (out, FALSE);
}

gboolean
pl_pipeline_check_arguments (PlPipeline  *self,
                             GError     **error)
{
  g_auto(GStrv) pieces = NULL;
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (PL_IS_PIPELINE (self), FALSE);

  pieces = pl_code_split_top_level (self->arguments, ',');
  if (pieces == NULL)
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_SYNTAX,
                           _("The brackets or quotes of the arguments do not close"));
      return FALSE;
    }

  if (!self->is_function)
    return TRUE;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; pieces[i]; i++)
    {
      const char *eq = strchr (pieces[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (*pieces[i] == '\0')
        {
          if (pieces[i + 1] == NULL && i > 0)
            continue;   /* a trailing comma */
          if (i == 0 && pieces[1] == NULL)
            return TRUE;  /* no arguments at all */
          g_set_error_literal (error, PL_ERROR, PL_ERROR_SYNTAX,
                               _("An argument is empty; remove the extra comma"));
          return FALSE;
        }
      if (eq == NULL)
        {
          g_set_error (error, PL_ERROR, PL_ERROR_SYNTAX,
                       _("Write the argument as name=value, for example x=%s"), pieces[i]);
          return FALSE;
        }
      name = g_strstrip (g_strndup (pieces[i], eq - pieces[i]));
      value = g_strstrip (g_strdup (eq + 1));
      if (!pl_code_is_identifier (name, -1))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_SYNTAX,
                       _("“%s” is not a valid parameter name"), name);
          return FALSE;
        }
      if (*value == '\0')
        {
          g_set_error (error, PL_ERROR, PL_ERROR_SYNTAX,
                       _("The argument “%s” has no value"), name);
          return FALSE;
        }
      if (g_hash_table_contains (seen, name))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_SYNTAX,
                       _("The parameter “%s” appears twice"), name);
          return FALSE;
        }
      g_hash_table_add (seen, g_strdup (name));
      if (!pl_code_check_statement (value, error))
        return FALSE;
    }

  return TRUE;
}

/* What the `def` line says: the name and the parameters. */
static char *
dup_header_key (PlPipeline *self)
{
  g_auto(GStrv) params = pl_pipeline_dup_parameters (self);
  g_autofree char *joined = g_strjoinv (",", params);

  return g_strdup_printf ("%s(%s)", self->name, joined);
}

void
pl_pipeline_set_source (PlPipeline *self,
                        const char *leading,
                        const char *header,
                        guint       body_indent,
                        guint       block_indent)
{
  g_return_if_fail (PL_IS_PIPELINE (self));

  g_free (self->leading);
  self->leading = g_strdup (leading);
  g_free (self->header);
  self->header = g_strdup (header);
  g_free (self->header_key);
  self->header_key = dup_header_key (self);
  self->body_indent = body_indent;
  self->block_indent = block_indent;
}

const char *
pl_pipeline_get_leading (PlPipeline *self)
{
  g_return_val_if_fail (PL_IS_PIPELINE (self), NULL);

  return self->leading;
}

const char *
pl_pipeline_get_header (PlPipeline *self)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (PL_IS_PIPELINE (self), NULL);

  if (self->header == NULL)
    return NULL;
  key = dup_header_key (self);
  return g_strcmp0 (key, self->header_key) == 0 ? self->header : NULL;
}

guint
pl_pipeline_get_indent_width (PlPipeline *self,
                              guint       level)
{
  g_return_val_if_fail (PL_IS_PIPELINE (self), 0);

  return self->body_indent + level * self->block_indent;
}

char *
pl_pipeline_dup_current_variable (PlPipeline *self)
{
  g_auto(GStrv) params = NULL;
  guint n;

  g_return_val_if_fail (PL_IS_PIPELINE (self), NULL);

  n = pl_pipeline_get_n_steps (self);
  for (guint i = n; i > 0; i--)
    {
      PlStep *step = pl_pipeline_get_step (self, i - 1);
      char *name = pl_code_dup_assigned_name (pl_step_get_code (step));

      if (name != NULL)
        return name;
    }

  params = pl_pipeline_dup_parameters (self);
  if (params[0] != NULL)
    return g_strdup (params[0]);

  return NULL;
}

char *
pl_pipeline_dup_fresh_variable (PlPipeline *self)
{
  static const char *names[] = { "x", "y", "z", "data", "data2", "data3" };
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) params = NULL;
  guint n;

  g_return_val_if_fail (PL_IS_PIPELINE (self), NULL);

  params = pl_pipeline_dup_parameters (self);
  for (guint i = 0; params[i]; i++)
    g_hash_table_add (used, g_strdup (params[i]));

  n = pl_pipeline_get_n_steps (self);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) idents = pl_code_dup_identifiers (pl_step_get_code (pl_pipeline_get_step (self, i)));

      for (guint j = 0; idents[j]; j++)
        g_hash_table_add (used, g_strdup (idents[j]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!g_hash_table_contains (used, names[i]))
      return g_strdup (names[i]);

  for (guint i = 2; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("x%u", i);

      if (!g_hash_table_contains (used, name))
        return g_steal_pointer (&name);
    }
}
