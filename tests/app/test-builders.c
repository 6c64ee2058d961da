/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "app/pl-document.h"
#include "app/pl-palette.h"
#include "app/pl-pipeline-editor.h"
#include "app/pl-step-row.h"

#include "pl-test-utils.h"

/* A window with a palette and a builder over one document, and the
 * "win.add-step" action the real window provides. */
typedef struct
{
  GtkWindow        *window;
  PlPalette        *palette;
  PlPipelineEditor *editor;
  PlDocument       *document;
} Fixture;

static void
add_step_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  Fixture *f = user_data;
  PlPipeline *pipeline = pl_pipeline_editor_get_pipeline (f->editor);
  int position = pl_palette_add_to_pipeline (g_variant_get_string (parameter, NULL), pipeline);

  g_assert_cmpint (position, >=, 0);
  pl_pipeline_editor_focus_step (f->editor, position, TRUE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const GActionEntry entries[] = {
    { "add-step", add_step_activated, "s" },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  f->document = pl_document_new ();
  f->window = GTK_WINDOW (gtk_window_new ());
  f->palette = pl_palette_new ();
  f->editor = pl_pipeline_editor_new ();
  pl_pipeline_editor_set_pipeline (f->editor, pl_document_get_pipeline (f->document, 0));
  pl_pipeline_editor_set_title (f->editor, "Pipeline A");
  gtk_widget_set_size_request (GTK_WIDGET (f->palette), 200, 400);
  gtk_widget_set_hexpand (GTK_WIDGET (f->editor), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->palette));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->editor));
  gtk_window_set_child (f->window, box);

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), f);
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));
  gtk_window_present (f->window);
  pl_test_drain ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  pl_test_drain ();
  g_clear_object (&f->document);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static PlStepRow *
step_row (Fixture *f,
          guint    nth)
{
  GtkWidget *row = pl_test_find_widget (GTK_WIDGET (f->editor), PL_TYPE_STEP_ROW, nth);

  g_assert_nonnull (row);
  return PL_STEP_ROW (row);
}

static GtkEditable *
row_entry (PlStepRow *row)
{
  GtkWidget *entry = pl_test_find_widget (GTK_WIDGET (row), GTK_TYPE_ENTRY, 0);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

/* The row's editor of a statement over several lines. */
static GtkTextView *
row_text_view (PlStepRow *row)
{
  GtkWidget *view = pl_test_find_widget (GTK_WIDGET (row), GTK_TYPE_TEXT_VIEW, 0);

  g_assert_nonnull (view);
  return GTK_TEXT_VIEW (view);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  guint *frames = data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

/* Lets @widget's window draw a few frames, so that sizes are allocated. */
static void
wait_for_frames (GtkWidget *widget)
{
  guint frames = 0;
  gboolean timed_out = FALSE;
  guint tick = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);
  guint timeout = g_timeout_add_seconds (5, pl_test_timeout_cb, &timed_out);

  while (frames < 4 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  gtk_widget_remove_tick_callback (widget, tick);
  pl_test_drain ();
}

/* Presses a key on @widget as its key controllers see it before the widget
 * itself does (the capture phase, where the row listens). */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  pl_test_drain ();
  return handled;
}

static void
activate_palette_item (Fixture    *f,
                       const char *id)
{
  GtkWidget *row = find_named (GTK_WIDGET (f->palette), id);

  g_assert_nonnull (row);
  g_assert_nonnull (gtk_widget_get_tooltip_text (row));
  g_assert_true (gtk_widget_activate (row));
  pl_test_drain ();
}

static void
test_palette_expand (void)
{
  g_autoptr(PlPipeline) p = pl_pipeline_new ("fun1", TRUE);
  g_autofree char *ones = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *ne_loop = NULL;
  g_autofree char *unknown = NULL;

  g_assert_cmpuint (pl_palette_get_n_items (), >=, 27);
  for (guint i = 0; i < pl_palette_get_n_items (); i++)
    {
      g_autofree char *code = pl_palette_expand (pl_palette_get_item_id (i), p);

      g_assert_nonnull (code);
      g_assert_null (strchr (code, '{'));
    }

  ones = pl_palette_expand ("ones", p);
  g_assert_cmpstr (ones, ==, "x = np.ones(8_000_000)");
  pl_palette_add_to_pipeline ("ones", p);
  copy = pl_palette_expand ("copy", p);
  g_assert_cmpstr (copy, ==, "y = x.copy()");
  ne_loop = pl_palette_expand ("numexpr-loop", p);
  g_assert_cmpstr (ne_loop, ==, "f = ne.NumExpr(\"x * 2 + 3\")\nfor _ in range(3):\n    x = f(x)");
  g_assert_cmpint (pl_palette_add_to_pipeline ("numexpr-loop", p), ==, 1);
  g_assert_cmpuint (pl_pipeline_get_n_steps (p), ==, 4);
  g_assert_cmpuint (pl_step_get_indent (pl_pipeline_get_step (p, 3)), ==, 1);
  /* A step added after a loop's body stays in the body. */
  pl_palette_add_to_pipeline ("sleep", p);
  g_assert_cmpuint (pl_step_get_indent (pl_pipeline_get_step (p, 4)), ==, 1);

  unknown = pl_palette_expand ("no-such-item", p);
  g_assert_null (unknown);
  g_assert_cmpint (pl_palette_add_to_pipeline ("no-such-item", p), ==, -1);
}

static void
test_builder_add_edit (Fixture       *f,
                       gconstpointer  data)
{
  PlPipeline *a = pl_document_get_pipeline (f->document, 0);
  GtkWidget *focus;
  PlStepRow *row;
  GtkEditable *entry;
  int start, end;

  activate_palette_item (f, "ones");
  g_assert_cmpuint (pl_pipeline_get_n_steps (a), ==, 1);
  row = step_row (f, 0);
  entry = row_entry (row);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "x = np.ones(8_000_000)");

  /* The new step has the focus with its size selected for editing. */
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)));
  g_assert_true (gtk_editable_get_selection_bounds (entry, &start, &end));
  g_assert_cmpint (start, ==, 12);
  g_assert_cmpint (end, ==, 21);

  /* Typing edits the step, and so the script. */
  gtk_editable_set_text (entry, "x = np.ones(1_000_000)");
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 0)), ==, "x = np.ones(1_000_000)");
  g_assert_nonnull (strstr (pl_document_get_text (f->document), "    x = np.ones(1_000_000)\n"));

  activate_palette_item (f, "multiply-inplace");
  g_assert_cmpuint (pl_pipeline_get_n_steps (a), ==, 2);
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 1)), ==, "x *= 2");

  /* An invalid step shows its error under it. */
  row = step_row (f, 1);
  entry = row_entry (row);
  gtk_editable_set_text (entry, "x *= (2");
  pl_test_drain ();
  g_assert_false (pl_document_get_valid (f->document));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  {
    GtkWidget *revealer = pl_test_find_widget (GTK_WIDGET (row), GTK_TYPE_REVEALER, 0);

    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  }
  gtk_editable_set_text (entry, "x *= 2");
  g_assert_true (pl_document_get_valid (f->document));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));

  /* The line numbers are those of the script. */
  {
    GtkWidget *label = pl_test_find_widget (GTK_WIDGET (step_row (f, 1)), GTK_TYPE_LABEL, 0);
    g_autofree char *expected = g_strdup_printf ("%u", pl_step_get_line (pl_pipeline_get_step (a, 1)));

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, expected);
  }
}

static void
test_builder_reorder_delete (Fixture       *f,
                             gconstpointer  data)
{
  PlPipeline *a = pl_document_get_pipeline (f->document, 0);
  GtkWidget *focus;

  activate_palette_item (f, "ones");
  activate_palette_item (f, "sleep");
  activate_palette_item (f, "multiply");
  g_assert_cmpuint (pl_pipeline_get_n_steps (a), ==, 3);

  /* Move the last step up with the keyboard's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (step_row (f, 2)), "step.move-up", NULL));
  pl_test_drain ();
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 1)), ==, "x = x * 2");
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 2)), ==, "time.sleep(0.002)");
  /* The moved step keeps the focus. */
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (step_row (f, 1))));

  /* The first step cannot move up. */
  gtk_widget_activate_action (GTK_WIDGET (step_row (f, 0)), "step.move-up", NULL);
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 0)), ==, "x = np.ones(8_000_000)");

  /* Undo takes the move back. */
  pl_document_undo (f->document);
  a = pl_document_get_pipeline (f->document, 0);
  pl_pipeline_editor_set_pipeline (f->editor, a);
  pl_test_drain ();
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 2)), ==, "x = x * 2");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (step_row (f, 1)), "step.delete", NULL));
  pl_test_drain ();
  g_assert_cmpuint (pl_pipeline_get_n_steps (a), ==, 2);
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 1)), ==, "x = x * 2");
  g_assert_null (strstr (pl_document_get_text (f->document), "time.sleep"));

  /* Indent and unindent. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (step_row (f, 1)), "step.indent", NULL));
  g_assert_cmpuint (pl_step_get_indent (pl_pipeline_get_step (a, 1)), ==, 1);
  g_assert_false (pl_document_get_valid (f->document));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (step_row (f, 1)), "step.dedent", NULL));
  g_assert_cmpuint (pl_step_get_indent (pl_pipeline_get_step (a, 1)), ==, 0);
  g_assert_true (pl_document_get_valid (f->document));
}

static void
test_builder_arguments (Fixture       *f,
                        gconstpointer  data)
{
  PlPipeline *a = pl_document_get_pipeline (f->document, 0);
  GtkWidget *arguments = pl_test_find_widget (GTK_WIDGET (f->editor), ADW_TYPE_ENTRY_ROW, 1);
  GtkWidget *name = pl_test_find_widget (GTK_WIDGET (f->editor), ADW_TYPE_ENTRY_ROW, 0);

  g_assert_nonnull (arguments);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "fun1");
  gtk_editable_set_text (GTK_EDITABLE (arguments), "x=np.ones(8_000_000)");
  g_assert_cmpstr (pl_pipeline_get_arguments (a), ==, "x=np.ones(8_000_000)");
  g_assert_nonnull (strstr (pl_document_get_text (f->document), "def fun1(x):\n"));
  g_assert_nonnull (strstr (pl_document_get_text (f->document), "partial(fun1, np.ones(8_000_000))"));
  g_assert_false (gtk_widget_has_css_class (arguments, "error"));

  gtk_editable_set_text (GTK_EDITABLE (arguments), "np.ones(8_000_000)");
  g_assert_true (gtk_widget_has_css_class (arguments, "error"));
  g_assert_false (pl_document_get_valid (f->document));

  gtk_editable_set_text (GTK_EDITABLE (name), "double");
  g_assert_cmpstr (pl_pipeline_get_name (a), ==, "double");
}

static const char multi_line[] =
  "import numpy as np\n"
  "\n"
  "\n"
  "def fun2(x, y, z):\n"
  "    r = ne.evaluate(\"x * y + z\",\n"
  "                    local_dict={\"x\": x, \"y\": y, \"z\": z})\n"
  "    m = np.where(x > 0.5,\n"
  "                 x, 0)\n"
  "    del m\n"
  "\n"
  "\n"
  "utils.analyze_memory(\n"
  "    partial(fun2, np.ones(10), np.ones(10), np.ones(10)),\n"
  ")\n";

static void
load_multi_line (Fixture *f)
{
  g_assert_true (pl_document_load_text (f->document, multi_line));
  pl_pipeline_editor_set_pipeline (f->editor, pl_document_get_pipeline (f->document, 0));
  pl_test_drain ();
}

/* A statement over several lines shows in a text view with all its lines;
 * one-line steps keep their entry. */
static void
test_builder_multi_line_shows (Fixture       *f,
                               gconstpointer  data)
{
  PlStepRow *row;
  GtkTextView *view;
  g_autofree char *text = NULL;
  GtkWidget *label;

  load_multi_line (f);
  row = step_row (f, 0);
  view = row_text_view (row);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (view)));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (row_entry (row))));
  g_assert_true (gtk_text_view_get_monospace (view));
  text = buffer_text (view);
  g_assert_cmpstr (text, ==, "r = ne.evaluate(\"x * y + z\",\n"
                             "                local_dict={\"x\": x, \"y\": y, \"z\": z})");
  /* It grows with its lines rather than scrolling them. */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
    int two_lines, three_lines, entry;

    gtk_widget_measure (scroller, GTK_ORIENTATION_VERTICAL, -1, &two_lines, NULL, NULL, NULL);
    gtk_widget_measure (GTK_WIDGET (row_entry (step_row (f, 2))), GTK_ORIENTATION_VERTICAL, -1, &entry, NULL, NULL, NULL);
    g_assert_cmpint (two_lines, >, entry);
    /* Shown at that height, not scrolled in an entry's. */
    wait_for_frames (scroller);
    g_assert_cmpint (gtk_widget_get_height (scroller), ==, two_lines);
    pl_step_set_code (pl_step_row_get_step (row), "r = ne.evaluate(\"x * y + z\",\n"
                                               "                local_dict={\"x\": x, \"y\": y,\n"
                                               "                            \"z\": z})");
    pl_test_drain ();
    gtk_widget_measure (scroller, GTK_ORIENTATION_VERTICAL, -1, &three_lines, NULL, NULL, NULL);
    g_assert_cmpint (three_lines, >=, two_lines + (two_lines - entry) / 2);
    pl_document_undo (f->document);
    pl_pipeline_editor_set_pipeline (f->editor, pl_document_get_pipeline (f->document, 0));
    pl_test_drain ();
    row = step_row (f, 0);
  }

  /* The line number is the statement's first line; the next steps count
   * the lines above them. */
  label = pl_test_find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, 0);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "5");
  label = pl_test_find_widget (GTK_WIDGET (step_row (f, 1)), GTK_TYPE_LABEL, 0);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "7");
  label = pl_test_find_widget (GTK_WIDGET (step_row (f, 2)), GTK_TYPE_LABEL, 0);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "9");

  /* One line: the entry, as always. */
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (row_entry (step_row (f, 2)))));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (row_text_view (step_row (f, 2)))));

  /* A hit on a continuation line selects the step. */
  pl_pipeline_editor_select_line (f->editor, 8);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (step_row (f, 1)), "pl-selected-step"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (step_row (f, 0)), "pl-selected-step"));
}

/* Typing in the text view edits the step and the script; undo takes the
 * edit back. */
static void
test_builder_multi_line_edit (Fixture       *f,
                              gconstpointer  data)
{
  PlPipeline *a;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  g_autofree char *text = NULL;

  load_multi_line (f);
  view = row_text_view (step_row (f, 1));
  buffer = gtk_text_view_get_buffer (view);
  /* After "x, 0": a third argument. */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 1, 17);
  gtk_text_buffer_insert (buffer, &iter, ", dtype=None", -1);
  pl_test_drain ();

  a = pl_document_get_pipeline (f->document, 0);
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 1)), ==,
                   "m = np.where(x > 0.5,\n             x, 0, dtype=None)");
  g_assert_nonnull (strstr (pl_document_get_text (f->document),
                            "    m = np.where(x > 0.5,\n                 x, 0, dtype=None)\n    del m\n"));
  g_assert_true (pl_document_get_modified (f->document));

  pl_document_undo (f->document);
  g_assert_cmpstr (pl_document_get_text (f->document), ==, multi_line);
  pl_pipeline_editor_set_pipeline (f->editor, pl_document_get_pipeline (f->document, 0));
  pl_test_drain ();
  text = buffer_text (row_text_view (step_row (f, 1)));
  g_assert_cmpstr (text, ==, "m = np.where(x > 0.5,\n             x, 0)");
}

/* A broken statement of several lines: the error under it, the place
 * marked in its text, and Run disabled (the document is not valid). */
static void
test_builder_multi_line_error (Fixture       *f,
                               gconstpointer  data)
{
  PlStepRow *row;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  GtkWidget *revealer;

  load_multi_line (f);
  row = step_row (f, 1);
  view = row_text_view (row);
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_set_text (buffer, "m = np.where(x > 0.5,\n             x +* 2, 0)", -1);
  pl_test_drain ();

  g_assert_false (pl_document_get_valid (f->document));
  revealer = pl_test_find_widget (GTK_WIDGET (row), GTK_TYPE_REVEALER, 0);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (GTK_WIDGET (view)), "error") ||
                 gtk_widget_has_css_class (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (view))), "error"));

  /* The interpreter's place: line 2 of the step, at "* 2". */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 1, 16);
  {
    g_autoptr(GSList) tags = gtk_text_iter_get_tags (&iter);

    g_assert_nonnull (tags);
  }
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 1, 13);
  {
    g_autoptr(GSList) tags = gtk_text_iter_get_tags (&iter);

    g_assert_null (tags);
  }

  gtk_text_buffer_set_text (buffer, "m = np.where(x > 0.5,\n             x * 2, 0)", -1);
  pl_test_drain ();
  g_assert_true (pl_document_get_valid (f->document));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 1, 16);
  {
    g_autoptr(GSList) tags = gtk_text_iter_get_tags (&iter);

    g_assert_null (tags);
  }
}

/* Enter keeps its meaning in a one-line step; Shift+Enter breaks the line,
 * lined up under the open bracket, and the keyboard moves with the code
 * into the text view. */
static void
test_builder_break_line (Fixture       *f,
                         gconstpointer  data)
{
  PlPipeline *a = pl_document_get_pipeline (f->document, 0);
  PlStepRow *row;
  GtkEditable *entry;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter cursor;
  GtkWidget *focus;

  activate_palette_item (f, "ones");
  row = step_row (f, 0);
  entry = row_entry (row);
  gtk_editable_set_text (entry, "x = np.where(x > 0.5, x, 0)");
  gtk_editable_set_position (entry, 22);

  g_assert_false (press_key (GTK_WIDGET (entry), GDK_KEY_Return, 0));
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 0)), ==, "x = np.where(x > 0.5, x, 0)");

  g_assert_true (press_key (GTK_WIDGET (entry), GDK_KEY_Return, GDK_SHIFT_MASK));
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 0)), ==, "x = np.where(x > 0.5,\n             x, 0)");
  g_assert_nonnull (strstr (pl_document_get_text (f->document), "    x = np.where(x > 0.5,\n                 x, 0)\n"));

  view = row_text_view (row);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (view)));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == GTK_WIDGET (view));
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&cursor), ==, 1);
  g_assert_cmpint (gtk_text_iter_get_line_offset (&cursor), ==, 13);

  /* Ctrl+Enter is the window's (Run), not a line break. */
  g_assert_false (press_key (GTK_WIDGET (view), GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 0)), ==, "x = np.where(x > 0.5,\n             x, 0)");

  /* In the text view, Enter breaks a line too. */
  gtk_text_buffer_get_end_iter (buffer, &cursor);
  gtk_text_iter_backward_char (&cursor);
  gtk_text_buffer_place_cursor (buffer, &cursor);
  g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_Return, 0));
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 0)), ==,
                   "x = np.where(x > 0.5,\n             x, 0\n             )");

  /* Joined back into one line, the step is an entry again, with the
   * keyboard in it. */
  gtk_text_buffer_set_text (buffer, "x = np.where(x > 0.5, x, 0)", -1);
  pl_test_drain ();
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (entry)));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (view)));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)));
  g_assert_true (pl_document_get_valid (f->document));

  /* Lines pasted into the entry take the text view. */
  gtk_editable_set_position (entry, -1);
  gtk_editable_insert_text (entry, "\n", -1, &(int) { 27 });
  pl_test_drain ();
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (view)));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == GTK_WIDGET (view));
}

int
main (int   argc,
      char *argv[])
{
  pl_test_gtk_init (&argc, &argv);

  g_test_add_func ("/app/palette/expand", test_palette_expand);
  g_test_add ("/app/builder/add-edit", Fixture, NULL, fixture_setup, test_builder_add_edit, fixture_teardown);
  g_test_add ("/app/builder/reorder-delete", Fixture, NULL, fixture_setup, test_builder_reorder_delete, fixture_teardown);
  g_test_add ("/app/builder/arguments", Fixture, NULL, fixture_setup, test_builder_arguments, fixture_teardown);
  g_test_add ("/app/builder/multi-line-shows", Fixture, NULL, fixture_setup, test_builder_multi_line_shows, fixture_teardown);
  g_test_add ("/app/builder/multi-line-edit", Fixture, NULL, fixture_setup, test_builder_multi_line_edit, fixture_teardown);
  g_test_add ("/app/builder/multi-line-error", Fixture, NULL, fixture_setup, test_builder_multi_line_error, fixture_teardown);
  g_test_add ("/app/builder/break-line", Fixture, NULL, fixture_setup, test_builder_break_line, fixture_teardown);

  return g_test_run ();
}
