/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pl-format.h"

double
pl_round_to_half (double x)
{
  int e;
  double q;

  if (!isfinite (x) || x == 0)
    return x;
  if (fabs (x) >= 65520.0)
    return x > 0 ? INFINITY : -INFINITY;
  frexp (x, &e);           /* x = m * 2^e, 0.5 <= |m| < 1 */
  e -= 1;                  /* x = 1.f * 2^e */
  if (e < -14)
    e = -14;
  q = ldexp (1.0, e - 10);
  return nearbyint (x / q) * q;
}

static gboolean
round_trips (const char *buf,
             double      x,
             PlDType     dtype)
{
  double y = g_ascii_strtod (buf, NULL);

  if (dtype == PL_DTYPE_FLOAT32)
    return (float) y == (float) x;
  if (dtype == PL_DTYPE_FLOAT16)
    return pl_round_to_half (y) == x;
  return y == x;
}

/* The shortest decimal digits of finite @x (no sign) that round-trip at
 * @dtype's precision, and the decimal exponent of the first digit. */
static void
shortest_digits (double   x,
                 PlDType  dtype,
                 char    *digits,   /* at least 20 bytes */
                 int     *exp10)
{
  char buf[64];
  int p;

  x = fabs (x);
  if (x == 0)
    {
      strcpy (digits, "0");
      *exp10 = 0;
      return;
    }
  for (p = 1; p <= 17; p++)
    {
      g_snprintf (buf, sizeof buf, "%.*e", p - 1, x);
      if (round_trips (buf, x, dtype))
        break;
    }
  if (p > 17)
    g_snprintf (buf, sizeof buf, "%.16e", x);
  {
    char *e = strchr (buf, 'e');
    int n = 0;

    *exp10 = atoi (e + 1);
    for (char *c = buf; c < e; c++)
      if (g_ascii_isdigit (*c))
        digits[n++] = *c;
    /* Trailing zeros carry no information. */
    while (n > 1 && digits[n - 1] == '0')
      n--;
    digits[n] = '\0';
  }
}

/* Python's repr rules: positional when -4 < decpt <= 16. */
static char *
python_repr (double  x,
             PlDType dtype)
{
  char digits[32];
  int e, decpt, nd;
  GString *s;

  if (isnan (x))
    return g_strdup ("nan");
  if (isinf (x))
    return g_strdup (x > 0 ? "inf" : "-inf");
  shortest_digits (x, dtype, digits, &e);
  nd = strlen (digits);
  decpt = e + 1;
  s = g_string_new (signbit (x) ? "-" : "");
  if (decpt > -4 && decpt <= 16)
    {
      if (decpt <= 0)
        {
          g_string_append (s, "0.");
          for (int i = 0; i < -decpt; i++)
            g_string_append_c (s, '0');
          g_string_append (s, digits);
        }
      else if (decpt >= nd)
        {
          g_string_append (s, digits);
          for (int i = nd; i < decpt; i++)
            g_string_append_c (s, '0');
          g_string_append (s, ".0");
        }
      else
        {
          g_string_append_len (s, digits, decpt);
          g_string_append_c (s, '.');
          g_string_append (s, digits + decpt);
        }
    }
  else
    {
      g_string_append_c (s, digits[0]);
      if (nd > 1)
        {
          g_string_append_c (s, '.');
          g_string_append (s, digits + 1);
        }
      g_string_append_printf (s, "e%c%02d", e < 0 ? '-' : '+', ABS (e));
    }
  return g_string_free (s, FALSE);
}

char *
pl_format_float_repr (double x)
{
  return python_repr (x, PL_DTYPE_FLOAT64);
}

char *
pl_format_scalar (const PlScalar *value,
                  PlDType         dtype)
{
  switch (value->kind)
    {
    case PL_DTYPE_KIND_BOOL:
      return g_strdup (value->b ? "True" : "False");
    case PL_DTYPE_KIND_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, value->i);
    case PL_DTYPE_KIND_UINT:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, value->u);
    case PL_DTYPE_KIND_FLOAT:
    default:
      return python_repr (value->f, dtype);
    }
}

/* --- NumPy's array2string ---------------------------------------------- */

typedef enum { FMT_BOOL, FMT_INT, FMT_UINT, FMT_FLOAT } FmtKind;

typedef struct
{
  FmtKind kind;
  PlDType dtype;
  gint    width;        /* ints */
  gboolean exp_format;
  gint    precision;    /* fractional digits (exp mode: fixed) */
  gint    pad_left;
  gint    pad_right;
  gint    exp_size;
} Formatter;

/* dragon4_positional(x, precision=8, unique=True, fractional=True, trim='.'):
 * the shortest digits, cut at 8 fractional digits. Returns int and fraction
 * parts (fraction may be empty). */
static void
positional_parts (double   x,
                  PlDType  dtype,
                  gint     max_frac,
                  GString *int_part,
                  GString *frac_part)
{
  char digits[32];
  int e, decpt, nd;
  gboolean neg = signbit (x);

  g_string_truncate (int_part, 0);
  g_string_truncate (frac_part, 0);
  shortest_digits (x, dtype, digits, &e);
  nd = strlen (digits);
  decpt = e + 1;
  if (nd - decpt > max_frac)
    {
      /* Too many fractional digits: round the exact value at the cutoff. */
      char buf[400];
      char *dot;
      g_snprintf (buf, sizeof buf, "%.*f", max_frac, fabs (x));
      dot = strchr (buf, '.');
      if (neg)
        g_string_append_c (int_part, '-');
      if (dot != NULL)
        {
          g_string_append_len (int_part, buf, dot - buf);
          g_string_append (frac_part, dot + 1);
          while (frac_part->len > 0 && frac_part->str[frac_part->len - 1] == '0')
            g_string_truncate (frac_part, frac_part->len - 1);
        }
      else
        g_string_append (int_part, buf);
      return;
    }
  if (neg)
    g_string_append_c (int_part, '-');
  if (decpt <= 0)
    {
      g_string_append_c (int_part, '0');
      for (int i = 0; i < -decpt; i++)
        g_string_append_c (frac_part, '0');
      g_string_append (frac_part, digits);
      if (strcmp (digits, "0") == 0)
        g_string_truncate (frac_part, 0);
    }
  else if (decpt >= nd)
    {
      g_string_append (int_part, digits);
      for (int i = nd; i < decpt; i++)
        g_string_append_c (int_part, '0');
    }
  else
    {
      g_string_append_len (int_part, digits, decpt);
      g_string_append (frac_part, digits + decpt);
    }
}

/* dragon4_scientific(x, precision=8, unique=True, trim='.'): mantissa int
 * part, fraction digits, exponent. */
static void
scientific_parts (double   x,
                  PlDType  dtype,
                  gint     max_frac,
                  GString *int_part,
                  GString *frac_part,
                  gint    *exp10)
{
  char digits[32];
  int e, nd;

  g_string_truncate (int_part, 0);
  g_string_truncate (frac_part, 0);
  shortest_digits (x, dtype, digits, &e);
  nd = strlen (digits);
  if (nd - 1 > max_frac)
    {
      char buf[64];
      char *ep, *dot;
      g_snprintf (buf, sizeof buf, "%.*e", max_frac, fabs (x));
      ep = strchr (buf, 'e');
      e = atoi (ep + 1);
      *ep = '\0';
      dot = strchr (buf, '.');
      if (signbit (x))
        g_string_append_c (int_part, '-');
      g_string_append_len (int_part, buf, dot ? dot - buf : (gssize) strlen (buf));
      if (dot)
        g_string_append (frac_part, dot + 1);
      while (frac_part->len > 0 && frac_part->str[frac_part->len - 1] == '0')
        g_string_truncate (frac_part, frac_part->len - 1);
      *exp10 = e;
      return;
    }
  if (signbit (x))
    g_string_append_c (int_part, '-');
  g_string_append_c (int_part, digits[0]);
  g_string_append (frac_part, digits + 1);
  *exp10 = e;
}

static gint
exp_len (gint e)
{
  gint a = ABS (e);
  gint n = 0;
  do
    {
      n++;
      a /= 10;
    }
  while (a > 0);
  return MAX (n, 2);
}

static void
formatter_init (Formatter      *f,
                PlDType         dtype,
                const PlScalar *vals,
                gsize           n)
{
  memset (f, 0, sizeof *f);
  f->dtype = dtype;
  switch (pl_dtype_kind (dtype))
    {
    case PL_DTYPE_KIND_BOOL:
      f->kind = FMT_BOOL;
      return;
    case PL_DTYPE_KIND_INT:
    case PL_DTYPE_KIND_UINT:
      f->kind = pl_dtype_kind (dtype) == PL_DTYPE_KIND_INT ? FMT_INT : FMT_UINT;
      for (gsize i = 0; i < n; i++)
        {
          char buf[32];
          if (f->kind == FMT_INT)
            g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, vals[i].i);
          else
            g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, vals[i].u);
          f->width = MAX (f->width, (gint) strlen (buf));
        }
      return;
    case PL_DTYPE_KIND_FLOAT:
    default:
      break;
    }

  f->kind = FMT_FLOAT;
  {
    double max_val = 0, min_val = INFINITY;
    gboolean any_finite = FALSE, any_nonzero = FALSE, any_nonfinite = FALSE, neg_inf = FALSE;
    g_autoptr(GString) ip = g_string_new (NULL);
    g_autoptr(GString) fp = g_string_new (NULL);

    for (gsize i = 0; i < n; i++)
      {
        double x = vals[i].f;
        if (!isfinite (x))
          {
            any_nonfinite = TRUE;
            if (isinf (x) && x < 0)
              neg_inf = TRUE;
            continue;
          }
        any_finite = TRUE;
        if (x != 0)
          {
            any_nonzero = TRUE;
            max_val = MAX (max_val, fabs (x));
            min_val = MIN (min_val, fabs (x));
          }
      }
    if (any_nonzero && (max_val >= 1e8 || min_val < 0.0001 || max_val / min_val > 1000.0))
      f->exp_format = TRUE;

    f->precision = 8;
    if (!any_finite)
      {
        f->pad_left = 0;
        f->pad_right = 0;
      }
    else if (f->exp_format)
      {
        gint prec = 0, pl = 0, es = 0;
        for (gsize i = 0; i < n; i++)
          {
            gint e;
            if (!isfinite (vals[i].f))
              continue;
            scientific_parts (vals[i].f, dtype, 8, ip, fp, &e);
            prec = MAX (prec, (gint) fp->len);
            pl = MAX (pl, (gint) ip->len);
            es = MAX (es, exp_len (e));
          }
        f->precision = prec;
        f->pad_left = pl;
        f->exp_size = es;
        f->pad_right = es + 2 + prec;
      }
    else
      {
        gint pl = 0, pr = 0;
        for (gsize i = 0; i < n; i++)
          {
            if (!isfinite (vals[i].f))
              continue;
            positional_parts (vals[i].f, dtype, 8, ip, fp);
            pl = MAX (pl, (gint) ip->len);
            pr = MAX (pr, (gint) fp->len);
          }
        f->pad_left = pl;
        f->pad_right = pr;
      }
    if (any_nonfinite)
      {
        gint offset = f->pad_right + 1;
        gint inflen = 3 + (neg_inf ? 1 : 0);
        f->pad_left = MAX (f->pad_left, MAX (3 - offset, inflen - offset));
      }
  }
}

static void
format_one (const Formatter *f,
            const PlScalar  *v,
            GString         *out)
{
  g_string_truncate (out, 0);
  switch (f->kind)
    {
    case FMT_BOOL:
      g_string_append (out, v->b ? " True" : "False");
      return;
    case FMT_INT:
      g_string_append_printf (out, "%*" G_GINT64_FORMAT, f->width, v->i);
      return;
    case FMT_UINT:
      g_string_append_printf (out, "%*" G_GUINT64_FORMAT, f->width, v->u);
      return;
    case FMT_FLOAT:
    default:
      break;
    }
  {
    double x = v->f;
    g_autoptr(GString) ip = g_string_new (NULL);
    g_autoptr(GString) fp = g_string_new (NULL);

    if (!isfinite (x))
      {
        const char *s = isnan (x) ? "nan" : x > 0 ? "inf" : "-inf";
        gint pad = f->pad_left + f->pad_right + 1 - (gint) strlen (s);
        for (gint i = 0; i < pad; i++)
          g_string_append_c (out, ' ');
        g_string_append (out, s);
        return;
      }
    if (f->exp_format)
      {
        /* Every element gets the same number of digits; the extra ones are
         * the exact value's digits (dragon4's min_digits), not zeros. */
        char buf[64];
        char *ep, *dot;
        gint e, int_len;

        g_snprintf (buf, sizeof buf, "%.*e", f->precision, x);
        ep = strchr (buf, 'e');
        e = atoi (ep + 1);
        *ep = '\0';
        dot = strchr (buf, '.');
        int_len = dot ? dot - buf : (gint) strlen (buf);
        for (gint i = int_len; i < f->pad_left; i++)
          g_string_append_c (out, ' ');
        g_string_append_len (out, buf, int_len);
        g_string_append_c (out, '.');
        if (dot)
          g_string_append (out, dot + 1);
        g_string_append_printf (out, "e%c%0*d", e < 0 ? '-' : '+', f->exp_size, ABS (e));
      }
    else
      {
        positional_parts (x, f->dtype, f->precision, ip, fp);
        for (gint i = ip->len; i < f->pad_left; i++)
          g_string_append_c (out, ' ');
        g_string_append (out, ip->str);
        g_string_append_c (out, '.');
        g_string_append (out, fp->str);
        for (gint i = fp->len; i < f->pad_right; i++)
          g_string_append_c (out, ' ');
      }
  }
}

typedef struct
{
  const PlArray   *a;
  const Formatter *f;
  gboolean         summarize;
  const char      *separator;
  gint             line_width;
  gint64           index[PL_MAX_DIMS];
  GString         *word;
} ArrayPrinter;

#define EDGE_ITEMS 3

static gint64
flat_of (const ArrayPrinter *pr)
{
  gint64 flat = 0;
  for (gint d = 0; d < pr->a->ndim; d++)
    flat = flat * pr->a->shape[d] + pr->index[d];
  return flat;
}

static void
extend_line (GString    *s,
             GString    *line,
             const char *word,
             gint        line_width,
             const char *next_line_prefix)
{
  gboolean needs_wrap = (gint) (line->len + strlen (word)) > line_width;

  if ((gint) line->len <= (gint) strlen (next_line_prefix))
    needs_wrap = FALSE;
  if (needs_wrap)
    {
      gsize len = line->len;
      while (len > 0 && line->str[len - 1] == ' ')
        len--;
      g_string_append_len (s, line->str, len);
      g_string_append_c (s, '\n');
      g_string_assign (line, next_line_prefix);
    }
  g_string_append (line, word);
}

static char *
recurse (ArrayPrinter *pr,
         gint          axis,
         const char   *hanging_indent,
         gint          curr_width)
{
  gint axes_left = pr->a->ndim - axis;
  g_autofree char *next_hanging_indent = NULL;
  gint next_width;
  gint64 a_len, leading, trailing;
  gboolean show_summary;
  GString *s;
  const char *sep = pr->separator;
  gsize sep_rstrip_len;
  char *ret;

  if (axes_left == 0)
    {
      PlScalar v = pl_array_get_flat (pr->a, flat_of (pr));
      format_one (pr->f, &v, pr->word);
      return g_strdup (pr->word->str);
    }
  next_hanging_indent = g_strconcat (hanging_indent, " ", NULL);
  next_width = curr_width - 1;
  a_len = pr->a->shape[axis];
  show_summary = pr->summarize && 2 * EDGE_ITEMS < a_len;
  leading = show_summary ? EDGE_ITEMS : 0;
  trailing = show_summary ? EDGE_ITEMS : a_len;
  sep_rstrip_len = strlen (sep);
  while (sep_rstrip_len > 0 && sep[sep_rstrip_len - 1] == ' ')
    sep_rstrip_len--;

  s = g_string_new (NULL);
  if (axes_left == 1)
    {
      gint elem_width = curr_width - MAX ((gint) sep_rstrip_len, 1);
      GString *line = g_string_new (hanging_indent);

      for (gint64 i = 0; i < leading; i++)
        {
          char *word;
          pr->index[axis] = i;
          word = recurse (pr, axis + 1, next_hanging_indent, next_width);
          extend_line (s, line, word, elem_width, hanging_indent);
          g_free (word);
          g_string_append (line, sep);
        }
      if (show_summary)
        {
          extend_line (s, line, "...", elem_width, hanging_indent);
          g_string_append (line, sep);
        }
      for (gint64 i = trailing; i > 1; i--)
        {
          char *word;
          pr->index[axis] = a_len - i;
          word = recurse (pr, axis + 1, next_hanging_indent, next_width);
          extend_line (s, line, word, elem_width, hanging_indent);
          g_free (word);
          g_string_append (line, sep);
        }
      if (a_len > 0)
        {
          char *word;
          pr->index[axis] = a_len - 1;
          word = recurse (pr, axis + 1, next_hanging_indent, next_width);
          extend_line (s, line, word, elem_width, hanging_indent);
          g_free (word);
        }
      g_string_append (s, line->str);
      g_string_free (line, TRUE);
    }
  else
    {
      GString *line_sep = g_string_new_len (sep, sep_rstrip_len);

      for (gint i = 0; i < axes_left - 1; i++)
        g_string_append_c (line_sep, '\n');
      for (gint64 i = 0; i < leading; i++)
        {
          char *nested;
          pr->index[axis] = i;
          nested = recurse (pr, axis + 1, next_hanging_indent, next_width);
          g_string_append (s, hanging_indent);
          g_string_append (s, nested);
          g_string_append (s, line_sep->str);
          g_free (nested);
        }
      if (show_summary)
        {
          g_string_append (s, hanging_indent);
          g_string_append (s, "...");
          g_string_append (s, line_sep->str);
        }
      for (gint64 i = trailing; i > 1; i--)
        {
          char *nested;
          pr->index[axis] = a_len - i;
          nested = recurse (pr, axis + 1, next_hanging_indent, next_width);
          g_string_append (s, hanging_indent);
          g_string_append (s, nested);
          g_string_append (s, line_sep->str);
          g_free (nested);
        }
      if (a_len > 0)
        {
          char *nested;
          pr->index[axis] = a_len - 1;
          nested = recurse (pr, axis + 1, next_hanging_indent, next_width);
          g_string_append (s, hanging_indent);
          g_string_append (s, nested);
          g_free (nested);
        }
      g_string_free (line_sep, TRUE);
    }
  /* Remove the hanging indent and wrap in brackets. */
  {
    gsize hl = strlen (hanging_indent);
    const char *body = s->len >= hl ? s->str + hl : "";
    ret = g_strconcat ("[", body, "]", NULL);
  }
  g_string_free (s, TRUE);
  return ret;
}

/* Collects the elements that will be shown (all, or the edges). */
static void
collect_shown (const PlArray *a,
               gboolean       summarize,
               gint           axis,
               gint64        *index,
               GArray        *out)
{
  gint64 n;

  if (axis == a->ndim)
    {
      gint64 flat = 0;
      PlScalar v;
      for (gint d = 0; d < a->ndim; d++)
        flat = flat * a->shape[d] + index[d];
      v = pl_array_get_flat (a, flat);
      g_array_append_val (out, v);
      return;
    }
  n = a->shape[axis];
  for (gint64 i = 0; i < n; i++)
    {
      if (summarize && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS)
        i = n - EDGE_ITEMS;
      index[axis] = i;
      collect_shown (a, summarize, axis + 1, index, out);
    }
}

static const char *
repr_dtype_suffix (PlDType dtype)
{
  if (dtype == PL_DTYPE_FLOAT64 || dtype == PL_DTYPE_INT64 || dtype == PL_DTYPE_BOOL)
    return NULL;
  return pl_dtype_name (dtype);
}

void
pl_format_array (GString       *out,
                 const PlArray *a,
                 gboolean       repr)
{
  gint64 size = pl_array_get_size (a);
  gboolean summarize = size > 1000;
  gint64 index[PL_MAX_DIMS] = { 0, };
  g_autoptr(GArray) shown = NULL;
  Formatter f;
  ArrayPrinter pr = { 0, };
  char *body;
  const char *suffix = repr_dtype_suffix (a->dtype);

  if (a->ndim == 0)
    {
      PlScalar v = pl_array_get_flat (a, 0);
      g_autofree char *s = pl_format_scalar (&v, a->dtype);
      if (repr)
        {
          g_string_append_printf (out, "array(%s", s);
          if (suffix)
            g_string_append_printf (out, ", dtype=%s", suffix);
          g_string_append_c (out, ')');
        }
      else
        g_string_append (out, s);
      return;
    }
  if (size == 0)
    {
      if (repr)
        {
          g_autofree char *shape = pl_array_format_shape (a);
          if (a->ndim == 1)
            g_string_append_printf (out, "array([], dtype=%s)", pl_dtype_name (a->dtype));
          else
            g_string_append_printf (out, "array([], shape=%s, dtype=%s)", shape, pl_dtype_name (a->dtype));
        }
      else
        g_string_append (out, "[]");
      return;
    }

  shown = g_array_new (FALSE, FALSE, sizeof (PlScalar));
  collect_shown (a, summarize, 0, index, shown);
  formatter_init (&f, a->dtype, (PlScalar *) shown->data, shown->len);

  pr.a = a;
  pr.f = &f;
  pr.summarize = summarize;
  pr.separator = repr ? ", " : " ";
  pr.line_width = 75;
  pr.word = g_string_new (NULL);
  if (repr)
    {
      /* array2string(prefix="array(", suffix=")" or ","): the hanging
       * indent aligns with the bracket after "array(". */
      body = recurse (&pr, 0, "       ", 75 - (suffix ? 1 : 1));
      g_string_append (out, "array(");
      g_string_append (out, body);
      if (suffix)
        {
          /* NumPy puts the dtype on a new line when it would not fit. */
          gsize last_nl = 0;
          for (gsize i = 0; body[i]; i++)
            if (body[i] == '\n')
              last_nl = i + 1;
          if (strlen (body + last_nl) + (last_nl == 0 ? 6 : 0) + strlen (", dtype=") + strlen (suffix) + 1 > 75)
            g_string_append_printf (out, ",\n      dtype=%s)", suffix);
          else
            g_string_append_printf (out, ", dtype=%s)", suffix);
        }
      else
        g_string_append_c (out, ')');
    }
  else
    {
      body = recurse (&pr, 0, " ", 75);
      g_string_append (out, body);
    }
  g_free (body);
  g_string_free (pr.word, TRUE);
}

/* --- values ------------------------------------------------------------- */

static void
format_str_repr (GString    *out,
                 const char *s,
                 gsize       len)
{
  gboolean has_single = memchr (s, '\'', len) != NULL;
  gboolean has_double = memchr (s, '"', len) != NULL;
  char quote = (has_single && !has_double) ? '"' : '\'';

  g_string_append_c (out, quote);
  for (gsize i = 0; i < len; i++)
    {
      guchar c = s[i];
      if (c == (guchar) quote || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, quote);
}

void
pl_format_val (GString     *out,
               const PlVal *v,
               gboolean     repr)
{
  switch (v->kind)
    {
    case PL_V_UNBOUND:
      g_string_append (out, "<unbound>");
      return;
    case PL_V_NONE:
      g_string_append (out, "None");
      return;
    case PL_V_BOOL:
      g_string_append (out, v->b ? "True" : "False");
      return;
    case PL_V_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, v->i);
      return;
    case PL_V_FLOAT:
      {
        g_autofree char *s = pl_format_float_repr (v->f);
        g_string_append (out, s);
      }
      return;
    case PL_V_ARRAY:
      if (v->np_scalar && v->arr->ndim == 0)
        {
          PlScalar sc = pl_array_get_flat (v->arr, 0);
          g_autofree char *s = pl_format_scalar (&sc, v->arr->dtype);
          g_string_append (out, s);
        }
      else
        pl_format_array (out, v->arr, repr);
      return;
    case PL_V_OBJ:
      break;
    default:
      return;
    }

  {
    PlValue *o = v->obj;

    switch (o->kind)
      {
      case PL_OBJ_STR:
        if (repr)
          format_str_repr (out, o->str.s, o->str.len);
        else
          g_string_append_len (out, o->str.s, o->str.len);
        break;
      case PL_OBJ_TUPLE:
      case PL_OBJ_LIST:
        g_string_append_c (out, o->kind == PL_OBJ_TUPLE ? '(' : '[');
        for (guint i = 0; i < o->seq.n; i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            pl_format_val (out, &o->seq.items[i], TRUE);
          }
        if (o->kind == PL_OBJ_TUPLE && o->seq.n == 1)
          g_string_append_c (out, ',');
        g_string_append_c (out, o->kind == PL_OBJ_TUPLE ? ')' : ']');
        break;
      case PL_OBJ_DICT:
        g_string_append_c (out, '{');
        for (guint i = 0; i < o->dict.n; i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            pl_format_val (out, &o->dict.keys[i], TRUE);
            g_string_append (out, ": ");
            pl_format_val (out, &o->dict.values[i], TRUE);
          }
        g_string_append_c (out, '}');
        break;
      case PL_OBJ_RANGE:
        if (o->range.step == 1)
          g_string_append_printf (out, "range(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                  o->range.start, o->range.stop);
        else
          g_string_append_printf (out, "range(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                  o->range.start, o->range.stop, o->range.step);
        break;
      case PL_OBJ_SLICE:
        g_string_append (out, "slice(");
        pl_format_val (out, &o->slice.start, TRUE);
        g_string_append (out, ", ");
        pl_format_val (out, &o->slice.stop, TRUE);
        g_string_append (out, ", ");
        pl_format_val (out, &o->slice.step, TRUE);
        g_string_append_c (out, ')');
        break;
      case PL_OBJ_ELLIPSIS:
        g_string_append (out, "Ellipsis");
        break;
      case PL_OBJ_FUNCTION:
        g_string_append_printf (out, "<function %s>", o->func.def->str);
        break;
      case PL_OBJ_BUILTIN:
        if (o->builtin.self.kind != PL_V_UNBOUND)
          g_string_append_printf (out, "<built-in method %s of %s object>", o->builtin.name,
                                  pl_val_type_name (&o->builtin.self));
        else
          g_string_append_printf (out, "<built-in function %s>", o->builtin.name);
        break;
      case PL_OBJ_PARTIAL:
        g_string_append (out, "functools.partial(");
        pl_format_val (out, &o->partial.func, TRUE);
        for (guint i = 0; i < o->partial.n_args; i++)
          {
            g_string_append (out, ", ");
            pl_format_val (out, &o->partial.args[i], TRUE);
          }
        for (guint i = 0; i < o->partial.n_kw; i++)
          {
            g_string_append_printf (out, ", %s=", o->partial.kw_names[i]);
            pl_format_val (out, &o->partial.kw_values[i], TRUE);
          }
        g_string_append_c (out, ')');
        break;
      case PL_OBJ_MODULE:
        g_string_append_printf (out, "<module '%s'>", o->module.name);
        break;
      case PL_OBJ_DTYPE:
        if (repr)
          g_string_append_printf (out, "dtype('%s')", pl_dtype_name (o->dtype));
        else
          g_string_append (out, pl_dtype_name (o->dtype));
        break;
      case PL_OBJ_NUMEXPR:
        g_string_append (out, "<numexpr.necompiler.NumExpr object>");
        break;
      case PL_OBJ_BOXED:
        pl_format_val (out, &o->boxed, repr);
        break;
      case PL_OBJ_EXCEPTION:
        if (repr)
          g_string_append_printf (out, "%s(", o->exception.kind);
        if (repr && o->exception.message[0])
          format_str_repr (out, o->exception.message, strlen (o->exception.message));
        else if (!repr)
          g_string_append (out, o->exception.message);
        if (repr)
          g_string_append_c (out, ')');
        break;
      case PL_OBJ_OPAQUE:
        g_string_append_printf (out, "<%s object (ignored by Peakline)>", o->opaque.name);
        break;
      default:
        g_string_append (out, "<object>");
        break;
      }
  }
}

char *
pl_val_to_str (const PlVal *value,
               gboolean     repr)
{
  GString *s = g_string_new (NULL);
  pl_format_val (s, value, repr);
  return g_string_free (s, FALSE);
}
