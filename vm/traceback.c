/* vm/traceback.c — traceback objects and printing uncaught exceptions.
 *
 * The printed form is CPython 3.11's:
 *
 *   Traceback (most recent call last):
 *     File "x.py", line 3, in f
 *       return a / b
 *              ~~^~~
 *   ZeroDivisionError: division by zero
 *
 * with the source line read from the file (none for "<string>"), carets
 * under the failing expression (anchored on the operator of a binary
 * operation or the brackets of a subscript), "[Previous line repeated N
 * more times]" for runs of identical entries, and the __cause__ /
 * __context__ chain printed first.  Everything is collected in a buffer,
 * then written to sys.stderr (or fd 2 when that is unusable).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/traceback.h"
#include "vm/compiler.h"
#include "vm/vm.h"
#include "vm/objects/typesys.h"

/* ---- the type ---------------------------------------------------------------- */

void traceback_here(Frame *f, int lasti) {
    Object *exc = ts_current->curexc;
    if (!exc || !is_exception_instance(exc)) return;
    TracebackObject *tb = (TracebackObject *)obj_alloc(&Traceback_Type);
    if (!tb) { /* keep the original exception */
        err_restore(exc);
        return;
    }
    INCREF(exc);
    tb->next = XNEWREF(exc_get_traceback(exc));
    tb->frame = f;
    INCREF((Object *)f);
    frame_escape(f);
    tb->lasti = lasti;
    tb->lineno = code_line_of(f->code, lasti);
    gc_track((Object *)tb);
    exc_set_traceback(exc, (Object *)tb);
    DECREF((Object *)tb);
    DECREF(exc);
}

static int tb_clear(Object *o) {
    TracebackObject *tb = (TracebackObject *)o;
    CLEAR(tb->next);
    Object *f = (Object *)tb->frame;
    tb->frame = NULL;
    XDECREF(f);
    return 0;
}

static void tb_dealloc(Object *o) {
    gc_untrack(o);
    /* Long chains (deep recursion) are freed iteratively. */
    TracebackObject *tb = (TracebackObject *)o;
    Object *next = tb->next;
    tb->next = NULL;
    tb_clear(o);
    obj_free(o);
    while (next && traceback_check(next) && next->refcnt == 1) {
        TracebackObject *n = (TracebackObject *)next;
        Object *after = n->next;
        n->next = NULL;
        DECREF(next);
        next = after;
    }
    XDECREF(next);
}

static int tb_traverse(Object *o, visitproc visit, void *arg) {
    TracebackObject *tb = (TracebackObject *)o;
    if (tb->next && visit(tb->next, arg)) return 1;
    if (tb->frame && visit((Object *)tb->frame, arg)) return 1;
    return 0;
}

static Object *tb_get_next(Object *o, void *c) {
    Object *n = ((TracebackObject *)o)->next;
    return NEWREF(n ? n : None);
}
static int tb_set_next(Object *o, Object *v, void *c) {
    if (!v) {
        err_format(&Exc_TypeError, "can't delete tb_next attribute");
        return -1;
    }
    if (v == None) v = NULL;
    if (v && !traceback_check(v)) {
        err_format(&Exc_TypeError, "expected traceback object or None, got '%T'", v);
        return -1;
    }
    for (Object *p = v; p; p = ((TracebackObject *)p)->next)
        if (p == o) {
            err_format(&Exc_ValueError, "traceback loop detected");
            return -1;
        }
    SETREF(((TracebackObject *)o)->next, XNEWREF(v));
    return 0;
}
static Object *tb_get_frame(Object *o, void *c) {
    Frame *f = ((TracebackObject *)o)->frame;
    return NEWREF(f ? (Object *)f : None);
}
static Object *tb_get_lineno(Object *o, void *c) {
    return int_from_long(((TracebackObject *)o)->lineno);
}
static Object *tb_get_lasti(Object *o, void *c) {
    return int_from_long((long long)((TracebackObject *)o)->lasti * 2);
}

static GetSetDef tb_getset[] = {
    {"tb_next", tb_get_next, tb_set_next, NULL, NULL},
    {"tb_frame", tb_get_frame, NULL, NULL, NULL},
    {"tb_lineno", tb_get_lineno, NULL, NULL, NULL},
    {"tb_lasti", tb_get_lasti, NULL, NULL, NULL},
    {NULL},
};

TypeObject Traceback_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "traceback",
    .basicsize = sizeof(TracebackObject),
    .flags = TPFLAG_GC,
    .dealloc = tb_dealloc,
    .traverse = tb_traverse,
    .clear = tb_clear,
    .getset = tb_getset,
};

/* ---- source lines ------------------------------------------------------------ */

/* Line `lineno` (1-based) of a file without its newline; malloc'ed or NULL. */
static char *read_source_line(const char *filename, int lineno) {
    if (!filename || filename[0] == '<' || lineno < 1) return NULL;
    FILE *fp = fopen(filename, "rb");
    if (!fp) return NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = 0;
    for (int i = 0; i < lineno; i++) {
        n = getline(&line, &cap, fp);
        if (n < 0) break;
    }
    fclose(fp);
    if (n < 0) {
        free(line);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    return line;
}

static size_t utf8_chars(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

/* Binary operators by precedence (higher binds tighter). */
static int binop_prec(const char *s, int *len) {
    static const struct { const char *op; int prec; } ops[] = {
        {"**", 7}, {"//", 5}, {"<<", 3}, {">>", 3}, {"+", 4}, {"-", 4}, {"*", 5},
        {"/", 5},  {"%", 5},  {"@", 5},  {"&", 2},  {"^", 1}, {"|", 0},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t l = strlen(ops[i].op);
        if (strncmp(s, ops[i].op, l) == 0) {
            *len = (int)l;
            return ops[i].prec;
        }
    }
    return -1;
}

static bool is_ident_char(unsigned char c) { return c == '_' || c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'); }

/* Find the "^" range inside an expression segment as CPython 3.11 does:
 * the operator of a top-level binary operation, or the [...] of a
 * subscript.  Returns false when the whole segment should get '^'. */
static bool find_anchors(const char *s, int n, int *lo, int *hi) {
    int depth = 0, best = -1, best_len = 0, best_prec = 100;
    int sub_open = -1, last_close = -1, open_at_zero = -1;
    bool operand = false;
    int i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\\' || c == '\n') { i++; continue; }
        if (c == '\'' || c == '"') {
            bool triple = i + 2 < n && s[i + 1] == (char)c && s[i + 2] == (char)c;
            int q = triple ? 3 : 1;
            i += q;
            while (i < n) {
                if (s[i] == '\\') { i += 2; continue; }
                if (s[i] == (char)c && (!triple || (i + 2 < n && s[i + 1] == (char)c && s[i + 2] == (char)c))) break;
                i++;
            }
            i += q;
            operand = true;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') {
            if (depth == 0) open_at_zero = (c == '[' && operand) ? i : -1;
            depth++;
            operand = false;
            i++;
            continue;
        }
        if (c == ')' || c == ']' || c == '}') {
            depth--;
            if (depth == 0) {
                last_close = i;
                sub_open = (c == ']') ? open_at_zero : -1;
            }
            operand = true;
            i++;
            continue;
        }
        if (depth > 0) { i++; continue; }
        if (is_ident_char(c) || c == '.') {
            int start = i;
            bool number = c >= '0' && c <= '9';
            while (i < n && (is_ident_char((unsigned char)s[i]) || s[i] == '.' ||
                             (number && (s[i] == '+' || s[i] == '-') && (s[i - 1] | 32) == 'e')))
                i++;
            int l = i - start;
            static const char *const kws[] = {"and", "or", "not", "if", "else", "lambda", "in",
                                              "is", "for", "await", "yield", NULL};
            for (int k = 0; kws[k]; k++)
                if ((int)strlen(kws[k]) == l && strncmp(s + start, kws[k], (size_t)l) == 0)
                    return false;
            operand = true;
            continue;
        }
        int len = 0;
        int prec = binop_prec(s + i, &len);
        if (prec >= 0 && i + len < n && s[i + len] == '=') return false; /* augmented assign */
        if (prec >= 0 && operand) {
            if (prec < best_prec || (prec == best_prec && prec != 7)) {
                best = i;
                best_len = len;
                best_prec = prec;
            }
            operand = false;
            i += len;
            continue;
        }
        if (c == '-' || c == '+' || c == '~') { operand = false; i++; continue; }
        return false; /* comparison, comma, colon, assignment ...: not a plain BinOp */
    }
    if (best >= 0) {
        *lo = best;
        *hi = best + best_len;
        return true;
    }
    int end = n;
    while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t')) end--;
    if (sub_open > 0 && last_close == end - 1) {
        *lo = sub_open;
        *hi = end;
        return true;
    }
    return false;
}

static void append_carets(StrBuf *sb, const char *line, CodeObject *co, int lasti) {
    if (!co->cols || lasti < 0 || lasti >= co->ncode) return;
    uint32_t packed = co->cols[lasti];
    int start = (int)(packed & 0xffff), end = (int)((packed & ~CODE_COLS_MULTILINE) >> 16);
    int len = (int)strlen(line);
    if (end <= start || end > len) return;
    int lead = 0;
    while (lead < len && (line[lead] == ' ' || line[lead] == '\t' || line[lead] == '\f')) lead++;
    int rend = len;
    while (rend > lead && (line[rend - 1] == ' ' || line[rend - 1] == '\t')) rend--;
    if (start < lead) start = lead;
    int lo = -1, hi = -1;
    /* operator anchors only for an expression on one line, as CPython */
    bool anchored = !(packed & CODE_COLS_MULTILINE) && find_anchors(line + start, end - start, &lo, &hi);
    /* A plain range covering the whole line says nothing: no carets. */
    if (!anchored && start <= lead && end >= rend) return;
    strbuf_append_cstr(sb, "    ");
    for (size_t k = utf8_chars(line + lead, (size_t)(start - lead)); k > 0; k--)
        strbuf_append_char(sb, ' ');
    int pos = start;
    while (pos < end) {
        int rel = pos - start;
        char ch = !anchored || (rel >= lo && rel < hi) ? '^' : '~';
        if (((unsigned char)line[pos] & 0xC0) != 0x80) strbuf_append_char(sb, ch);
        pos++;
    }
    strbuf_append_char(sb, '\n');
}

static void append_entry(StrBuf *sb, TracebackObject *tb) {
    CodeObject *co = tb->frame->code;
    strbuf_printf(sb, "  File \"%s\", line %d, in %s\n", str_utf8(co->filename), tb->lineno,
                  str_utf8(co->name));
    char *line = read_source_line(str_utf8(co->filename), tb->lineno);
    if (!line) return;
    const char *p = line;
    while (*p == ' ' || *p == '\t' || *p == '\f') p++;
    if (*p) {
        size_t l = strlen(p);
        while (l > 0 && (p[l - 1] == ' ' || p[l - 1] == '\t')) l--;
        strbuf_append_cstr(sb, "    ");
        strbuf_append(sb, p, l);
        strbuf_append_char(sb, '\n');
        append_carets(sb, line, co, tb->lasti);
    }
    free(line);
}

#define TB_RECURSIVE_CUTOFF 3

static void append_repeated(StrBuf *sb, long cnt) {
    cnt -= TB_RECURSIVE_CUTOFF;
    strbuf_printf(sb, "  [Previous line repeated %ld more time%s]\n", cnt, cnt > 1 ? "s" : "");
}

static void append_traceback(StrBuf *sb, Object *tbo) {
    long limit = 1000;
    Object *lim = runtime.sysdict ? dict_get_cstr(runtime.sysdict, "tracebacklimit") : NULL;
    if (lim && int_check(lim)) {
        limit = (long)int_as_long(lim);
        if (err_occurred()) {
            err_clear();
            limit = 1000;
        }
        if (limit <= 0) return;
    }
    long depth = 0;
    for (Object *t = tbo; t && traceback_check(t); t = ((TracebackObject *)t)->next) depth++;
    strbuf_append_cstr(sb, "Traceback (most recent call last):\n");
    Object *last_file = NULL, *last_name = NULL;
    int last_line = -1;
    long cnt = 0;
    for (Object *t = tbo; t && traceback_check(t); t = ((TracebackObject *)t)->next, depth--) {
        if (depth > limit) continue;
        TracebackObject *tb = (TracebackObject *)t;
        CodeObject *co = tb->frame->code;
        if (last_file != co->filename || last_line != tb->lineno || last_name != co->name) {
            if (cnt > TB_RECURSIVE_CUTOFF) append_repeated(sb, cnt);
            last_file = co->filename;
            last_line = tb->lineno;
            last_name = co->name;
            cnt = 0;
        }
        cnt++;
        if (cnt <= TB_RECURSIVE_CUTOFF) append_entry(sb, tb);
    }
    if (cnt > TB_RECURSIVE_CUTOFF) append_repeated(sb, cnt);
}

/* An optional int attribute of a SyntaxError: false if it is neither an
 * int nor None (the display then falls back to str(exc), as CPython's). */
static bool syntax_attr(Object *v, long *out, long if_none) {
    if (!v || v == None) {
        *out = if_none;
        return true;
    }
    if (!int_check(v)) return false;
    *out = (long)int_as_long(v);
    if (err_occurred()) {
        err_clear();
        return false;
    }
    return true;
}

/* "  File ..., line N", the text and the caret line of a SyntaxError, as
 * CPython 3.11 prints them: leading blanks are stripped and the offset moved
 * with them (no caret when it falls left of the text), lines of the text
 * before the offset are skipped, and only an exact SyntaxError gets a caret
 * per column of its range (subclasses such as IndentationError get one).
 * False if the attributes are unusable: the caller then shows str(exc). */
static bool append_syntax_error(StrBuf *sb, SyntaxErrorObject *se) {
    long lineno, offset, end_lineno, end_offset;
    if (!se->lineno || !int_check(se->lineno) || !syntax_attr(se->lineno, &lineno, -1) ||
        !syntax_attr(se->offset, &offset, -1))
        return false;
    if (OBJ_TYPE((Object *)se) == &Exc_SyntaxError) {
        if (!syntax_attr(se->end_lineno, &end_lineno, lineno) ||
            !syntax_attr(se->end_offset, &end_offset, -1))
            return false;
    } else {
        end_lineno = lineno;
        end_offset = -1;
    }
    Object *fn = se->filename;
    Object *fs = fn && fn != None ? obj_str(fn) : NULL;
    if (!fs) err_clear();
    strbuf_printf(sb, "  File \"%s\", line %ld\n", fs ? str_utf8(fs) : "<string>", lineno);
    XDECREF(fs);
    if (!se->text || !str_check(se->text)) return true;
    const char *text = str_utf8(se->text);
    long line_size = (long)strlen(text);
    if (end_lineno > lineno) end_offset = line_size;
    if (end_offset > line_size + 1) end_offset = line_size + 1;
    long carets = end_offset > 0 && end_offset > offset ? end_offset - offset : 1;
    offset--;   /* 0-based */
    while (*text == ' ' || *text == '\t' || *text == '\f') {
        text++;
        offset--;
    }
    long len = (long)strlen(text);
    if (len > 0 && text[len - 1] == '\n') len--;
    if (offset > len) offset = len;
    for (;;) {   /* skip the lines before the offset */
        const char *nl = strchr(text, '\n');
        if (!nl || nl - text >= offset) break;
        long skip = (long)(nl - text) + 1;
        text += skip;
        len -= skip;
        offset -= skip;
    }
    strbuf_append_cstr(sb, "    ");
    strbuf_append_cstr(sb, text);
    if (text[len] != '\n') strbuf_append_char(sb, '\n');
    if (offset < 0) return true;
    strbuf_append_cstr(sb, "    ");
    for (long k = 0; k < offset; k++) strbuf_append_char(sb, ' ');
    for (long k = 0; k < carets; k++) strbuf_append_char(sb, '^');
    strbuf_append_char(sb, '\n');
    return true;
}

/* ---- "Did you mean" (CPython 3.11's suggestions for NameError and
 * AttributeError): the closest name by a weighted edit distance, where a
 * case change costs 1 and any other edit 2, accepting at most a third of
 * the characters changed. */
#define SUGGEST_MAX_ITEMS 750
#define SUGGEST_MAX_LEN 40
#define MOVE_COST 2
#define CASE_COST 1

static int subst_cost(char a, char b) {
    if ((a & 31) != (b & 31)) return MOVE_COST;
    if (a == b) return 0;
    if (a >= 'A' && a <= 'Z') a += 'a' - 'A';
    if (b >= 'A' && b <= 'Z') b += 'a' - 'A';
    return a == b ? CASE_COST : MOVE_COST;
}

static size_t edit_distance(const char *a, size_t an, const char *b, size_t bn, size_t max_cost) {
    while (an && bn && a[0] == b[0]) { a++; b++; an--; bn--; }
    while (an && bn && a[an - 1] == b[bn - 1]) { an--; bn--; }
    if (an == 0 || bn == 0) return (an + bn) * MOVE_COST;
    if (an > SUGGEST_MAX_LEN || bn > SUGGEST_MAX_LEN) return max_cost + 1;
    if (bn < an) {
        const char *t = a; a = b; b = t;
        size_t tn = an; an = bn; bn = tn;
    }
    if ((bn - an) * MOVE_COST > max_cost) return max_cost + 1;
    size_t row[SUGGEST_MAX_LEN];
    for (size_t i = 0; i < an; i++) row[i] = (i + 1) * MOVE_COST;
    size_t result = 0;
    for (size_t bi = 0; bi < bn; bi++) {
        size_t distance = result = bi * MOVE_COST, minimum = (size_t)-1;
        for (size_t i = 0; i < an; i++) {
            size_t substitute = distance + (size_t)subst_cost(b[bi], a[i]);
            distance = row[i];
            size_t insdel = (result < distance ? result : distance) + MOVE_COST;
            result = insdel < substitute ? insdel : substitute;
            row[i] = result;
            if (result < minimum) minimum = result;
        }
        if (minimum > max_cost) return max_cost + 1;
    }
    return result;
}

/* The best candidate in `names` (a list) for `name`, borrowed, or NULL. */
static Object *best_suggestion(Object *names, Object *name) {
    if (!names || !list_check(names) || LIST_SIZE(names) >= SUGGEST_MAX_ITEMS) return NULL;
    const char *ns = STR_DATA(name);
    size_t nn = (size_t)STR_SIZE(name);
    Object *best = NULL;
    size_t best_dist = (size_t)-1;
    for (intptr_t i = 0; i < LIST_SIZE(names); i++) {
        Object *item = LIST_GET(names, i);
        if (!str_check(item) || str_eq(item, name)) continue;
        size_t in = (size_t)STR_SIZE(item);
        size_t max_dist = (nn + in + 3) * MOVE_COST / 6;
        if (best && best_dist - 1 < max_dist) max_dist = best_dist - 1;
        size_t d = edit_distance(ns, nn, STR_DATA(item), in, max_dist);
        if (d > max_dist) continue;
        if (!best || d < best_dist) {
            best = item;
            best_dist = d;
        }
    }
    return best;
}

/* A new reference to the suggested name, or NULL (never an error). */
static Object *compute_suggestion(Object *exc) {
    TypeObject *t = OBJ_TYPE(exc);
    bool attr = type_is_subtype(t, &Exc_AttributeError);
    if (!attr && !type_is_subtype(t, &Exc_NameError)) return NULL;
    NameErrorObject *ne = (NameErrorObject *)exc;
    if (!ne->name || !str_check(ne->name)) return NULL;
    Object *found = NULL;
    if (attr) {
        if (!ne->obj) return NULL;
        Object *names = obj_dir(ne->obj);
        if (!names) {
            err_clear();
            return NULL;
        }
        found = XNEWREF(best_suggestion(names, ne->name));
        DECREF(names);
        return found;
    }
    Object *tbo = exc_get_traceback(exc);
    if (!tbo || !traceback_check(tbo)) return NULL;
    while (((TracebackObject *)tbo)->next) tbo = ((TracebackObject *)tbo)->next;
    Frame *f = ((TracebackObject *)tbo)->frame;
    Object *lists[3] = {list_from_iterable(f->code->varnames),
                        dict_check(f->globals) ? dict_keys_list(f->globals) : NULL,
                        dict_check(f->builtins) ? dict_keys_list(f->builtins) : NULL};
    for (int i = 0; i < 3 && !found; i++) found = XNEWREF(best_suggestion(lists[i], ne->name));
    for (int i = 0; i < 3; i++) XDECREF(lists[i]);
    if (err_occurred()) err_clear();
    return found;
}

static void append_exception_line(StrBuf *sb, Object *exc, bool syntax_shown) {
    TypeObject *t = OBJ_TYPE(exc);
    Object *mod = type_module(t);
    Object *qn = type_qualname(t);
    if (!mod || !qn) err_clear();
    if (mod && str_check(mod) && !str_eq_cstr(mod, "__main__") && !str_eq_cstr(mod, "builtins")) {
        strbuf_append_str(sb, mod);
        strbuf_append_char(sb, '.');
    }
    if (qn && str_check(qn)) strbuf_append_str(sb, qn);
    else strbuf_append_cstr(sb, type_name(t));
    XDECREF(mod);
    XDECREF(qn);
    Object *s;
    if (syntax_shown && ((SyntaxErrorObject *)exc)->msg) s = obj_str(((SyntaxErrorObject *)exc)->msg);
    else s = obj_str(exc);
    if (!s) {
        err_clear();
        strbuf_append_cstr(sb, ": <exception str() failed>");
    } else if (STR_SIZE(s) > 0) {
        strbuf_append_cstr(sb, ": ");
        strbuf_append_str(sb, s);
    }
    XDECREF(s);
    Object *suggestion = compute_suggestion(exc);
    if (suggestion) {
        strbuf_append_cstr(sb, ". Did you mean: '");
        strbuf_append_str(sb, suggestion);
        strbuf_append_cstr(sb, "'?");
        DECREF(suggestion);
    }
    strbuf_append_char(sb, '\n');
    BaseExceptionObject *be = (BaseExceptionObject *)exc;
    if (be->notes && list_check(be->notes)) {
        for (intptr_t i = 0; i < LIST_SIZE(be->notes); i++) {
            Object *note = LIST_GET(be->notes, i);
            Object *ns = str_check(note) ? NEWREF(note) : obj_str(note);
            if (!ns) {
                err_clear();
                strbuf_append_cstr(sb, "<note str() failed>\n");
                continue;
            }
            strbuf_append_str(sb, ns);
            strbuf_append_char(sb, '\n');
            DECREF(ns);
        }
    }
}

static void append_one(StrBuf *sb, Object *exc) {
    Object *tb = exc_get_traceback(exc);
    if (tb) append_traceback(sb, tb);
    bool syntax_shown = type_is_subtype(OBJ_TYPE(exc), &Exc_SyntaxError) &&
                        append_syntax_error(sb, (SyntaxErrorObject *)exc);
    append_exception_line(sb, exc, syntax_shown);
}

#define MAX_CHAIN 64

static bool seen_before(Object **seen, int nseen, Object *o) {
    for (int i = 0; i < nseen; i++)
        if (seen[i] == o) return true;
    return false;
}

static void append_chain(StrBuf *sb, Object *exc, Object **seen, int *nseen) {
    if (*nseen < MAX_CHAIN) seen[(*nseen)++] = exc;
    Object *cause = exc_get_cause(exc);
    Object *context = exc_get_context(exc);
    if (cause && is_exception_instance(cause) && !seen_before(seen, *nseen, cause) &&
        *nseen < MAX_CHAIN) {
        append_chain(sb, cause, seen, nseen);
        strbuf_append_cstr(sb, "\nThe above exception was the direct cause of the following "
                               "exception:\n\n");
    } else if (context && is_exception_instance(context) && !exc_get_suppress_context(exc) &&
               !seen_before(seen, *nseen, context) && *nseen < MAX_CHAIN) {
        append_chain(sb, context, seen, nseen);
        strbuf_append_cstr(sb, "\nDuring handling of the above exception, another exception "
                               "occurred:\n\n");
    }
    append_one(sb, exc);
}

static void write_fd2(const char *s, size_t n) {
    while (n > 0) {
        ssize_t w = write(2, s, n);
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

/* Write text to sys.stderr (then flush it), or to fd 2. */
static void write_stderr(Object *text) {
    Object *err = runtime.sysdict ? dict_get_str(runtime.sysdict, id_stderr) : NULL;
    if (err && err != None) {
        INCREF(err);
        Object *r = obj_call_method(err, "write", &text, 1);
        if (r) {
            DECREF(r);
            r = obj_call_method(err, "flush", NULL, 0);
            if (!r) err_clear();
            XDECREF(r);
            DECREF(err);
            return;
        }
        err_clear();
        DECREF(err);
    }
    fflush(stdout);
    write_fd2(STR_DATA(text), (size_t)STR_SIZE(text));
}

void err_display(Object *exc) {
    if (!exc) return;
    Object *saved = err_fetch();
    INCREF(exc);
    StrBuf sb;
    strbuf_init(&sb);
    if (is_exception_instance(exc)) {
        Object *seen[MAX_CHAIN];
        int nseen = 0;
        append_chain(&sb, exc, seen, &nseen);
    } else {
        strbuf_append_cstr(&sb, "TypeError: print_exception(): Exception expected for value, ");
        strbuf_append_cstr(&sb, type_name(OBJ_TYPE(exc)));
        strbuf_append_cstr(&sb, " found\n");
    }
    if (err_occurred()) err_clear();
    Object *text = strbuf_finish(&sb);
    if (text) {
        write_stderr(text);
        DECREF(text);
    } else {
        err_clear();
    }
    DECREF(exc);
    if (saved) err_restore(saved);
}

void err_print(void) {
    Object *exc = err_fetch();
    if (!exc) return;
    if (runtime.sysdict) {
        /* sys.last_type / last_value / last_traceback, as the REPL expects */
        Object *tb = exc_get_traceback(exc);
        if (dict_set_cstr(runtime.sysdict, "last_type", (Object *)OBJ_TYPE(exc)) < 0 ||
            dict_set_cstr(runtime.sysdict, "last_value", exc) < 0 ||
            dict_set_cstr(runtime.sysdict, "last_traceback", tb ? tb : None) < 0)
            err_clear();
    }
    err_display(exc);
    DECREF(exc);
}
