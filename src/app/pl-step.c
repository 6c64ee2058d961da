/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-step.h"

struct _PlStep
{
  GObject parent_instance;

  char  *code;
  char  *error;
  guint  error_line;    /* 0: not known */
  guint  error_column;
  guint  indent;
  guint  line;

  /* How it was written when read: see pl_step_set_source(). */
  char  *leading;
  char  *source;
  char  *source_code;
  guint  source_indent;
};

G_DEFINE_FINAL_TYPE (PlStep, pl_step, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_INDENT,
  PROP_LINE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pl_step_finalize (GObject *object)
{
  PlStep *self = PL_STEP (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->leading, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->source_code, g_free);

  G_OBJECT_CLASS (pl_step_parent_class)->finalize (object);
}

static void
pl_step_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PlStep *self = PL_STEP (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, pl_step_get_code (self));
      break;
    case PROP_INDENT:
      g_value_set_uint (value, pl_step_get_indent (self));
      break;
    case PROP_LINE:
      g_value_set_uint (value, pl_step_get_line (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, pl_step_get_error (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_step_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  PlStep *self = PL_STEP (object);

  switch (prop_id)
    {
    case PROP_CODE:
      pl_step_set_code (self, g_value_get_string (value));
      break;
    case PROP_INDENT:
      pl_step_set_indent (self, g_value_get_uint (value));
      break;
    case PROP_LINE:
      pl_step_set_line (self, g_value_get_uint (value));
      break;
    case PROP_ERROR:
      pl_step_set_error (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_step_class_init (PlStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_step_finalize;
  object_class->get_property = pl_step_get_property;
  object_class->set_property = pl_step_set_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDENT] =
    g_param_spec_uint ("indent", NULL, NULL, 0, 16, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE] =
    g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_step_init (PlStep *self)
{
  self->code = g_strdup ("");
}

PlStep *
pl_step_new (const char *code,
             guint       indent)
{
  return g_object_new (PL_TYPE_STEP,
                       "code", code ? code : "",
                       "indent", indent,
                       NULL);
}

PlStep *
pl_step_copy (PlStep *self)
{
  PlStep *copy;

  g_return_val_if_fail (PL_IS_STEP (self), NULL);

  copy = pl_step_new (self->code, self->indent);
  copy->line = self->line;
  copy->leading = g_strdup (self->leading);
  copy->source = g_strdup (self->source);
  copy->source_code = g_strdup (self->source_code);
  copy->source_indent = self->source_indent;

  return copy;
}

const char *
pl_step_get_code (PlStep *self)
{
  g_return_val_if_fail (PL_IS_STEP (self), NULL);

  return self->code;
}

void
pl_step_set_code (PlStep     *self,
                  const char *code)
{
  g_return_if_fail (PL_IS_STEP (self));

  if (code == NULL)
    code = "";

  if (g_strcmp0 (self->code, code) == 0)
    return;

  g_free (self->code);
  self->code = g_strdup (code);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

guint
pl_step_get_indent (PlStep *self)
{
  g_return_val_if_fail (PL_IS_STEP (self), 0);

  return self->indent;
}

void
pl_step_set_indent (PlStep *self,
                    guint   indent)
{
  g_return_if_fail (PL_IS_STEP (self));

  indent = MIN (indent, 16);
  if (self->indent == indent)
    return;

  self->indent = indent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDENT]);
}

guint
pl_step_get_line (PlStep *self)
{
  g_return_val_if_fail (PL_IS_STEP (self), 0);

  return self->line;
}

void
pl_step_set_line (PlStep *self,
                  guint   line)
{
  g_return_if_fail (PL_IS_STEP (self));

  if (self->line == line)
    return;

  self->line = line;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE]);
}

guint
pl_step_get_n_lines (PlStep *self)
{
  guint n = 1;

  g_return_val_if_fail (PL_IS_STEP (self), 0);

  for (const char *p = self->code; *p; p++)
    if (*p == '\n')
      n++;
  return n;
}

gboolean
pl_step_contains_line (PlStep *self,
                       guint   line)
{
  g_return_val_if_fail (PL_IS_STEP (self), FALSE);

  return self->line != 0 && line >= self->line && line < self->line + pl_step_get_n_lines (self);
}

const char *
pl_step_get_error (PlStep *self)
{
  g_return_val_if_fail (PL_IS_STEP (self), NULL);

  return self->error;
}

void
pl_step_set_error (PlStep     *self,
                   const char *error)
{
  pl_step_set_error_at (self, error, 0, 0);
}

void
pl_step_set_error_at (PlStep     *self,
                      const char *error,
                      guint       line,
                      guint       column)
{
  g_return_if_fail (PL_IS_STEP (self));

  if (error != NULL && *error == '\0')
    error = NULL;
  if (error == NULL || line == 0)
    line = column = 0;

  if (g_strcmp0 (self->error, error) == 0 && self->error_line == line && self->error_column == column)
    return;

  g_free (self->error);
  self->error = g_strdup (error);
  self->error_line = line;
  self->error_column = column;
  /* One notification: the location is part of the error. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

gboolean
pl_step_get_error_location (PlStep *self,
                            guint  *line,
                            guint  *column)
{
  g_return_val_if_fail (PL_IS_STEP (self), FALSE);

  if (line != NULL)
    *line = self->error_line;
  if (column != NULL)
    *column = self->error_column;
  return self->error_line != 0;
}

void
pl_step_set_source (PlStep     *self,
                    const char *leading,
                    const char *lines)
{
  g_return_if_fail (PL_IS_STEP (self));

  g_free (self->leading);
  self->leading = g_strdup (leading);
  g_free (self->source);
  self->source = g_strdup (lines);
  g_free (self->source_code);
  self->source_code = g_strdup (self->code);
  self->source_indent = self->indent;
}

const char *
pl_step_get_leading (PlStep *self)
{
  g_return_val_if_fail (PL_IS_STEP (self), NULL);

  return self->leading;
}

const char *
pl_step_get_source (PlStep *self)
{
  g_return_val_if_fail (PL_IS_STEP (self), NULL);

  if (self->source == NULL || self->indent != self->source_indent ||
      g_strcmp0 (self->code, self->source_code) != 0)
    return NULL;
  return self->source;
}
