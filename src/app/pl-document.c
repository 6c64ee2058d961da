/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "engine/pl-error.h"
#include "script/pl-script.h"

#include "pl-code.h"
#include "pl-document.h"
#include "pl-document-text.h"

/* Edits of one step (or of the Source view) closer together than this are
 * undone as one. */
#define MERGE_INTERVAL_US (1 * G_USEC_PER_SEC)

/* A state the history returns to: the text and, when the builders showed
 * it, their pipelines as they were. A text the builders wrote while a step
 * was half typed may not parse; undo still brings the builders back. */
typedef struct
{
  char             *text;
  PlDocumentLayout *layout;     /* NULL: the builders could not show it */
  GPtrArray        *pipelines;  /* of PlPipeline */
} Snapshot;

static void
snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  if (snapshot == NULL)
    return;
  g_free (snapshot->text);
  pl_document_layout_free (snapshot->layout);
  g_clear_pointer (&snapshot->pipelines, g_ptr_array_unref);
  g_free (snapshot);
}

/* Copies of @pipelines, steps and their lines included. */
static GPtrArray *
copy_pipelines (GListModel *pipelines)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (pipelines); i++)
    {
      g_autoptr(PlPipeline) pipeline = g_list_model_get_item (pipelines, i);

      g_ptr_array_add (copies, pl_pipeline_copy (pipeline, NULL));
    }
  return copies;
}

struct _PlDocument
{
  GObject parent_instance;

  char             *text;
  char             *saved_text;
  PlDocumentLayout *layout;     /* the script around the pipelines */
  char             *unstructured_reason;
  GListStore       *pipelines;

  GPtrArray        *undo;       /* of Snapshot: the states before each change */
  GPtrArray        *redo;
  Snapshot         *shown;      /* the builders' state for the text, as copies */
  gpointer    last_edit_key; /* the step (or the document) edited last */
  gint64      last_edit_time;

  guint       applying : 1;  /* the pipelines are being rebuilt from text */
  guint       structured : 1;
  guint       valid : 1;
};

G_DEFINE_FINAL_TYPE (PlDocument, pl_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_STRUCTURED,
  PROP_UNSTRUCTURED_REASON,
  PROP_COMPARE,
  PROP_VALID,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void pl_document_pipeline_changed (PlDocument *self,
                                          PlStep     *step,
                                          PlPipeline *pipeline);

/* --- writing ------------------------------------------------------------ */

/**
 * pl_document_write:
 * @self: a #PlDocument
 *
 * Writes the script of the pipelines as they are: what was read from the
 * text comes back as it was written. Gives each step its line.
 *
 * Returns: (transfer full): the script
 */
char *
pl_document_write (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);

  return pl_document_text_write (self->layout, G_LIST_MODEL (self->pipelines));
}

/* --- checking ----------------------------------------------------------- */

/* The spaces before line @line of the text. */
static guint
indent_of_line (const char *text,
                guint       line)
{
  const char *p = text;
  guint n = 0;

  for (guint cur = 1; cur < line && *p; p++)
    if (*p == '\n')
      cur++;
  while (p[n] == ' ')
    n++;
  return n;
}

/* Gives an error of the script at @line and @column to the step written
 * there, at the same place in its code (whose lines start where the step's
 * first line starts). Returns whether a step took it. */
static gboolean
pl_document_set_error_at (PlDocument *self,
                          const char *message,
                          gint        line,
                          gint        column)
{
  PlStep *step;
  guint first, width;

  if (line < 1)
    return FALSE;
  step = pl_document_find_step (self, line, NULL);
  if (step == NULL)
    return FALSE;

  first = pl_step_get_line (step);
  width = indent_of_line (self->text, first);
  pl_step_set_error_at (step, message, line - first + 1,
                        column > (gint) width ? (guint) column - width : 1);
  return TRUE;
}

static void
pl_document_check (PlDocument *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pipelines));
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean valid = TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlPipeline) pipeline = g_list_model_get_item (G_LIST_MODEL (self->pipelines), i);
      const char *name = pl_pipeline_get_name (pipeline);
      guint n_steps = pl_pipeline_get_n_steps (pipeline);
      gboolean prev_opens = FALSE;
      guint prev_indent = 0;

      if (pl_pipeline_get_is_function (pipeline))
        {
          if (!pl_code_is_identifier (name, -1) || g_hash_table_contains (names, name))
            valid = FALSE;
          g_hash_table_add (names, (gpointer) name);
        }
      if (!pl_pipeline_check_arguments (pipeline, NULL))
        valid = FALSE;

      for (guint k = 0; k < n_steps; k++)
        {
          PlStep *step = pl_pipeline_get_step (pipeline, k);
          guint indent = pl_step_get_indent (step);
          g_autoptr(GError) error = NULL;

          if (!pl_code_check_statement (pl_step_get_code (step), &error))
            ;
          else if (prev_opens && indent != prev_indent + 1)
            g_set_error_literal (&error, PL_ERROR, PL_ERROR_SYNTAX,
                                 _("This step is the body of the block above: indent it"));
          else if (!prev_opens && indent > prev_indent)
            g_set_error_literal (&error, PL_ERROR, PL_ERROR_SYNTAX,
                                 _("This step is indented but no block opens above it"));
          else if (pl_code_opens_block (pl_step_get_code (step)) &&
                   (k + 1 == n_steps || pl_step_get_indent (pl_pipeline_get_step (pipeline, k + 1)) <= indent))
            g_set_error_literal (&error, PL_ERROR, PL_ERROR_SYNTAX,
                                 _("The block has no body: add an indented step below"));

          pl_step_set_error (step, error ? error->message : NULL);
          if (error != NULL)
            valid = FALSE;

          prev_opens = pl_code_opens_block (pl_step_get_code (step));
          prev_indent = indent;
        }
    }

  if (n == 0)
    valid = FALSE;

  /* The builders' check is quick but shallow; the interpreter's parser is
   * the judge. Each error goes to the step whose lines it names, at its
   * place in the step's code. */
  if (valid && self->text != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PlScript) script = pl_script_parse_for_editor ("script.py", self->text, -1, &error);
      gint line = 0, column = 0;

      if (script == NULL && pl_script_error_get_location (error, &line, &column))
        {
          const char *message = strstr (error->message, "error: ");
          g_autofree char *first_line = NULL;

          message = message ? message + strlen ("error: ") : error->message;
          first_line = g_strndup (message, strcspn (message, "\n"));
          if (pl_document_set_error_at (self, first_line, line, column))
            valid = FALSE;
        }
      for (guint f = 0; script != NULL && f < pl_script_get_n_functions (script); f++)
        {
          const PlScriptFunction *fn = pl_script_get_function (script, f);

          for (guint k = 0; k < fn->n_outline; k++)
            if (fn->outline[k].error != NULL &&
                pl_document_set_error_at (self, fn->outline[k].error,
                                          fn->outline[k].error_line, fn->outline[k].error_col))
              valid = FALSE;
        }
    }

  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

/* --- state -------------------------------------------------------------- */

static void
pl_document_notify_history (PlDocument *self,
                            gboolean    could_undo,
                            gboolean    could_redo,
                            gboolean    was_modified)
{
  if (could_undo != pl_document_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != pl_document_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (was_modified != pl_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Keeps copies of the builders' state for the current text: the history
 * records them with it. */
static void
pl_document_keep_shown (PlDocument *self)
{
  g_clear_pointer (&self->shown, snapshot_free);
  self->shown = g_new0 (Snapshot, 1);
  if (self->structured)
    {
      self->shown->layout = pl_document_layout_copy (self->layout);
      self->shown->pipelines = copy_pipelines (G_LIST_MODEL (self->pipelines));
    }
}

/* The current state, for the history. */
static Snapshot *
pl_document_steal_state (PlDocument *self)
{
  Snapshot *state = g_steal_pointer (&self->shown);

  if (state == NULL)
    state = g_new0 (Snapshot, 1);
  state->text = g_strdup (self->text);
  return state;
}

/* Records that the text changes from the current one, for undo. */
static void
pl_document_record (PlDocument *self,
                    gpointer    key)
{
  gint64 now = g_get_monotonic_time ();

  g_ptr_array_set_size (self->redo, 0);

  if (key != NULL && key == self->last_edit_key &&
      now - self->last_edit_time < MERGE_INTERVAL_US &&
      self->undo->len > 0)
    {
      self->last_edit_time = now;
      return;
    }

  g_ptr_array_add (self->undo, pl_document_steal_state (self));
  self->last_edit_key = key;
  self->last_edit_time = now;
}

static void
pl_document_set_structured (PlDocument *self,
                            gboolean    structured,
                            const char *reason)
{
  gboolean was_structured = self->structured;
  gboolean reason_changed = g_strcmp0 (reason, self->unstructured_reason) != 0;

  self->structured = !!structured;
  if (reason_changed)
    {
      g_free (self->unstructured_reason);
      self->unstructured_reason = g_strdup (reason);
    }

  if (was_structured != self->structured)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRUCTURED]);
  if (reason_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSTRUCTURED_REASON]);
}

static void
pl_document_replace_pipelines (PlDocument *self,
                               GPtrArray  *pipelines)
{
  gboolean was_compare = pl_document_get_compare (self);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->pipelines));

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(PlPipeline) old = g_list_model_get_item (G_LIST_MODEL (self->pipelines), i);

      g_signal_handlers_disconnect_by_data (old, self);
    }

  for (guint i = 0; i < pipelines->len; i++)
    g_signal_connect_object (g_ptr_array_index (pipelines, i), "changed",
                             G_CALLBACK (pl_document_pipeline_changed), self,
                             G_CONNECT_SWAPPED);

  g_list_store_splice (self->pipelines, 0, n_old, pipelines->pdata, pipelines->len);

  if (was_compare != pl_document_get_compare (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE]);
}

/* Shows @pipelines (taken) in @layout (taken) in the builders. */
static void
pl_document_show (PlDocument       *self,
                  PlDocumentLayout *layout,
                  GPtrArray        *pipelines)
{
  self->applying = TRUE;
  pl_document_layout_free (self->layout);
  self->layout = layout;
  if (pipelines->len == 0)
    g_ptr_array_add (pipelines, pl_pipeline_new ("fun1", TRUE));
  pl_document_replace_pipelines (self, pipelines);
  g_ptr_array_unref (pipelines);
  self->applying = FALSE;

  pl_document_set_structured (self, TRUE, NULL);
  pl_document_check (self);
}

/* Reads @text into the pipelines when the builders can show it. */
static gboolean
pl_document_apply_text (PlDocument *self)
{
  PlDocumentLayout *layout = NULL;
  GPtrArray *pipelines = NULL;
  g_autofree char *reason = NULL;

  if (!pl_document_text_read (self->text, &layout, &pipelines, &reason))
    {
      pl_document_set_structured (self, FALSE, reason);
      return FALSE;
    }

  pl_document_show (self, layout, pipelines);
  return TRUE;
}

static void
pl_document_regenerate (PlDocument *self,
                        gpointer    undo_key)
{
  gboolean could_undo = pl_document_get_can_undo (self);
  gboolean could_redo = pl_document_get_can_redo (self);
  gboolean was_modified = pl_document_get_modified (self);
  g_autofree char *text = pl_document_write (self);

  if (g_strcmp0 (text, self->text) == 0)
    {
      pl_document_check (self);
      pl_document_keep_shown (self);
      return;
    }

  pl_document_record (self, undo_key);
  g_free (self->text);
  self->text = g_steal_pointer (&text);
  pl_document_check (self);
  pl_document_keep_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  pl_document_notify_history (self, could_undo, could_redo, was_modified);
}

static void
pl_document_pipeline_changed (PlDocument *self,
                              PlStep     *step,
                              PlPipeline *pipeline)
{
  if (self->applying)
    return;

  /* The builders are only live over a script they can show. */
  if (!self->structured)
    return;

  pl_document_regenerate (self, step);
}

/* --- GObject ------------------------------------------------------------ */

static void
pl_document_dispose (GObject *object)
{
  PlDocument *self = PL_DOCUMENT (object);

  if (self->pipelines != NULL)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      pl_document_replace_pipelines (self, none);
    }
  g_clear_object (&self->pipelines);

  G_OBJECT_CLASS (pl_document_parent_class)->dispose (object);
}

static void
pl_document_finalize (GObject *object)
{
  PlDocument *self = PL_DOCUMENT (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->saved_text, g_free);
  g_clear_pointer (&self->layout, pl_document_layout_free);
  g_clear_pointer (&self->unstructured_reason, g_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->shown, snapshot_free);

  G_OBJECT_CLASS (pl_document_parent_class)->finalize (object);
}

static void
pl_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PlDocument *self = PL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, pl_document_get_text (self));
      break;
    case PROP_STRUCTURED:
      g_value_set_boolean (value, pl_document_get_structured (self));
      break;
    case PROP_UNSTRUCTURED_REASON:
      g_value_set_string (value, pl_document_get_unstructured_reason (self));
      break;
    case PROP_COMPARE:
      g_value_set_boolean (value, pl_document_get_compare (self));
      break;
    case PROP_VALID:
      g_value_set_boolean (value, pl_document_get_valid (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, pl_document_get_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, pl_document_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, pl_document_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PlDocument *self = PL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      pl_document_set_text (self, g_value_get_string (value));
      break;
    case PROP_COMPARE:
      pl_document_set_compare (self, g_value_get_boolean (value));
      break;
    case PROP_MODIFIED:
      pl_document_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_document_class_init (PlDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pl_document_dispose;
  object_class->finalize = pl_document_finalize;
  object_class->get_property = pl_document_get_property;
  object_class->set_property = pl_document_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STRUCTURED] =
    g_param_spec_boolean ("structured", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNSTRUCTURED_REASON] =
    g_param_spec_string ("unstructured-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPARE] =
    g_param_spec_boolean ("compare", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_document_init (PlDocument *self)
{
  g_autoptr(GPtrArray) pipelines = g_ptr_array_new_with_free_func (g_object_unref);

  self->pipelines = g_list_store_new (PL_TYPE_PIPELINE);
  self->undo = g_ptr_array_new_with_free_func (snapshot_free);
  self->redo = g_ptr_array_new_with_free_func (snapshot_free);
  self->layout = pl_document_layout_new ();
  self->structured = TRUE;

  g_ptr_array_add (pipelines, pl_pipeline_new ("fun1", TRUE));
  pl_document_replace_pipelines (self, pipelines);
  self->text = pl_document_write (self);
  self->saved_text = g_strdup (self->text);
  pl_document_check (self);
  pl_document_keep_shown (self);
}

PlDocument *
pl_document_new (void)
{
  return g_object_new (PL_TYPE_DOCUMENT, NULL);
}

const char *
pl_document_get_text (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);

  return self->text;
}

gboolean
pl_document_set_text (PlDocument *self,
                      const char *text)
{
  gboolean could_undo, could_redo, was_modified;

  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  if (text == NULL)
    text = "";

  if (g_strcmp0 (text, self->text) == 0)
    return self->structured;

  could_undo = pl_document_get_can_undo (self);
  could_redo = pl_document_get_can_redo (self);
  was_modified = pl_document_get_modified (self);

  pl_document_record (self, self);
  g_free (self->text);
  self->text = g_strdup (text);
  pl_document_apply_text (self);
  pl_document_keep_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  pl_document_notify_history (self, could_undo, could_redo, was_modified);

  return self->structured;
}

gboolean
pl_document_load_text (PlDocument *self,
                       const char *text)
{
  gboolean could_undo, could_redo, was_modified;

  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  could_undo = pl_document_get_can_undo (self);
  could_redo = pl_document_get_can_redo (self);
  was_modified = pl_document_get_modified (self);

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->last_edit_key = NULL;
  g_free (self->text);
  self->text = g_strdup (text);
  g_free (self->saved_text);
  self->saved_text = g_strdup (text);
  pl_document_apply_text (self);
  pl_document_keep_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  pl_document_notify_history (self, could_undo, could_redo, was_modified);

  return self->structured;
}

gboolean
pl_document_get_structured (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  return self->structured;
}

const char *
pl_document_get_unstructured_reason (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);

  return self->unstructured_reason;
}

GListModel *
pl_document_get_pipelines (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->pipelines);
}

guint
pl_document_get_n_pipelines (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->pipelines));
}

PlPipeline *
pl_document_get_pipeline (PlDocument *self,
                          guint       index)
{
  g_autoptr(PlPipeline) pipeline = NULL;

  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);

  /* Borrowed: the store keeps its reference. */
  pipeline = g_list_model_get_item (G_LIST_MODEL (self->pipelines), index);
  return pipeline;
}

gboolean
pl_document_get_compare (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  return pl_document_get_n_pipelines (self) > 1;
}

static char *
next_name (PlDocument *self,
           const char *name)
{
  gsize len = strlen (name);
  gsize digits = 0;
  g_autofree char *stem = NULL;
  guint64 number = 1;

  while (digits < len && g_ascii_isdigit (name[len - 1 - digits]))
    digits++;
  stem = g_strndup (name, len - digits);
  if (digits > 0)
    number = g_ascii_strtoull (name + len - digits, NULL, 10);

  for (number++; ; number++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s%" G_GUINT64_FORMAT, stem, number);
      gboolean taken = FALSE;

      for (guint i = 0; i < pl_document_get_n_pipelines (self); i++)
        if (g_strcmp0 (pl_pipeline_get_name (pl_document_get_pipeline (self, i)), candidate) == 0)
          taken = TRUE;
      if (!taken)
        return g_steal_pointer (&candidate);
    }
}

void
pl_document_set_compare (PlDocument *self,
                         gboolean    compare)
{
  g_return_if_fail (PL_IS_DOCUMENT (self));

  compare = !!compare;
  if (compare == pl_document_get_compare (self) || !self->structured)
    return;

  if (compare)
    {
      PlPipeline *a = pl_document_get_pipeline (self, 0);
      g_autofree char *name = next_name (self, pl_pipeline_get_name (a));
      g_autoptr(PlPipeline) b = pl_pipeline_copy (a, name);

      g_signal_connect_object (b, "changed", G_CALLBACK (pl_document_pipeline_changed),
                               self, G_CONNECT_SWAPPED);
      g_list_store_append (self->pipelines, b);
    }
  else
    {
      while (pl_document_get_n_pipelines (self) > 1)
        {
          PlPipeline *b = pl_document_get_pipeline (self, 1);

          g_signal_handlers_disconnect_by_data (b, self);
          g_list_store_remove (self->pipelines, 1);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE]);
  pl_document_regenerate (self, NULL);
}

gboolean
pl_document_get_valid (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  return self->structured ? self->valid : TRUE;
}

gboolean
pl_document_get_modified (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  return g_strcmp0 (self->text, self->saved_text) != 0;
}

void
pl_document_set_modified (PlDocument *self,
                          gboolean    modified)
{
  gboolean was_modified;

  g_return_if_fail (PL_IS_DOCUMENT (self));

  was_modified = pl_document_get_modified (self);
  g_free (self->saved_text);
  /* Unmodified means: the text is what was saved. */
  self->saved_text = modified ? NULL : g_strdup (self->text);
  if (was_modified != pl_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

gboolean
pl_document_get_can_undo (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  return self->undo->len > 0;
}

gboolean
pl_document_get_can_redo (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  return self->redo->len > 0;
}

static void
pl_document_travel (PlDocument *self,
                    GPtrArray  *from,
                    GPtrArray  *to)
{
  gboolean could_undo = pl_document_get_can_undo (self);
  gboolean could_redo = pl_document_get_can_redo (self);
  gboolean was_modified = pl_document_get_modified (self);
  Snapshot *state;

  if (from->len == 0)
    return;

  state = g_ptr_array_steal_index (from, from->len - 1);
  g_ptr_array_add (to, pl_document_steal_state (self));
  g_free (self->text);
  self->text = g_steal_pointer (&state->text);
  self->last_edit_key = NULL;

  /* The builders come back as they were; the text is read only when they
   * could not show it then. */
  if (state->layout != NULL)
    {
      GPtrArray *pipelines = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < state->pipelines->len; i++)
        g_ptr_array_add (pipelines, pl_pipeline_copy (g_ptr_array_index (state->pipelines, i), NULL));
      pl_document_show (self, pl_document_layout_copy (state->layout), pipelines);
    }
  else
    pl_document_apply_text (self);
  snapshot_free (state);
  pl_document_keep_shown (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  pl_document_notify_history (self, could_undo, could_redo, was_modified);
}

void
pl_document_undo (PlDocument *self)
{
  g_return_if_fail (PL_IS_DOCUMENT (self));

  pl_document_travel (self, self->undo, self->redo);
}

void
pl_document_redo (PlDocument *self)
{
  g_return_if_fail (PL_IS_DOCUMENT (self));

  pl_document_travel (self, self->redo, self->undo);
}

PlStep *
pl_document_find_step (PlDocument *self,
                       guint       line,
                       guint      *pipeline_index)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);

  if (!self->structured)
    return NULL;

  for (guint i = 0; i < pl_document_get_n_pipelines (self); i++)
    {
      PlPipeline *pipeline = pl_document_get_pipeline (self, i);

      for (guint k = 0; k < pl_pipeline_get_n_steps (pipeline); k++)
        {
          PlStep *step = pl_pipeline_get_step (pipeline, k);

          if (pl_step_contains_line (step, line))
            {
              if (pipeline_index != NULL)
                *pipeline_index = i;
              return step;
            }
        }
    }

  return NULL;
}
