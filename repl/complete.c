/* repl/complete.c — what Tab offers at the >>> prompt.
 *
 * The candidates follow python3's rlcompleter, so a session feels the same:
 *   - a plain word completes to keywords ("if " with a space, "try:" with a
 *     colon), then names of __main__, then builtins; a callable gets "(".
 *   - "a.b.c" completes attributes: the part before the last dot must be a
 *     dotted name, which is looked up (globals, builtins, then getattr along
 *     the dots; never an arbitrary expression, so Tab cannot call functions
 *     beyond attribute getters) and dir() of the result is filtered.  With
 *     nothing after the dot, names starting with '_' are hidden; after a
 *     single '_', dunder names are hidden (unless nothing else matches).
 * Runs with the GIL held (called from inside readline in the main thread);
 * any exception raised while looking things up is cleared: no matches.
 * Nothing here knows about readline: the editor turns the list into
 * readline's matches.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vm/vm.h"
#include "vm/state.h"
#include "stdlib/runtime_modules.h"
#include "repl/repl.h"

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
    "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
    "raise", "return", "try", "while", "with", "yield",
    "_", "case", "match",   /* soft keywords */
    NULL};

/* Completed without a trailing space (they are complete on their own). */
static const char *const bare_keywords[] = {
    "False", "None", "True", "break", "continue", "pass", "else", "_", NULL};

static bool word_in(const char *word, const char *const *list) {
    for (; *list; list++)
        if (!strcmp(*list, word)) return true;
    return false;
}

/* A growable list of malloc'ed strings, NULL-terminated when returned. */
typedef struct {
    char **items;
    size_t n, cap;
} Matches;

static void add_match(Matches *m, const char *a, const char *b, const char *suffix) {
    if (m->n + 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 32;
        char **ni = realloc(m->items, cap * sizeof(char *));
        if (!ni) return;
        m->items = ni;
        m->cap = cap;
    }
    size_t la = strlen(a), lb = b ? strlen(b) : 0, ls = strlen(suffix);
    char *s = malloc(la + (b ? 1 + lb : 0) + ls + 1);
    if (!s) return;
    memcpy(s, a, la);
    char *p = s + la;
    if (b) {
        *p++ = '.';
        memcpy(p, b, lb);
        p += lb;
    }
    memcpy(p, suffix, ls + 1);
    m->items[m->n++] = s;
}

static bool seen_before(Matches *m, const char *word, size_t from) {
    size_t n = strlen(word);
    for (size_t i = from; i < m->n; i++) {
        const char *s = m->items[i];
        if (!strncmp(s, word, n) && (s[n] == '\0' || s[n] == '(' || s[n] == ' ' ||
                                     s[n] == ':'))
            return true;
    }
    return false;
}

/* "(" after callables, as rlcompleter; "()" for a function without
 * parameters (python3 asks inspect.signature; a code object tells us). */
static const char *callable_suffix(Object *v) {
    int c = obj_callable(v);
    if (c <= 0) {
        if (c < 0) err_clear();
        return "";
    }
    if (!IS_SMALLINT(v) && OBJ_TYPE(v) == &Function_Type) {
        CodeObject *co = (CodeObject *)((FunctionObject *)v)->code;
        if (co && co->argcount == 0 && co->kwonlyargcount == 0 &&
            !(co->flags & (CO_VARARGS | CO_VARKEYWORDS)))
            return "()";
    }
    return "(";
}

static void global_matches(Matches *m, const char *text) {
    size_t n = strlen(text);
    for (const char *const *k = keywords; *k; k++) {
        if (strncmp(*k, text, n)) continue;
        const char *suffix = " ";
        if (!strcmp(*k, "try") || !strcmp(*k, "finally")) suffix = ":";
        else if (word_in(*k, bare_keywords)) suffix = "";
        add_match(m, *k, NULL, suffix);
    }
    size_t first_name = m->n;
    Object *spaces[2] = {runtime_main_dict(), runtime.builtins};
    for (int i = 0; i < 2; i++) {
        if (!spaces[i] || !dict_check(spaces[i])) continue;
        intptr_t pos = 0;
        Object *k, *v;
        while (dict_next(spaces[i], &pos, &k, &v)) {
            if (!str_check(k)) continue;
            const char *word = str_utf8(k);
            if (!word || strncmp(word, text, n) || !strcmp(word, "__builtins__")) continue;
            if (word_in(word, keywords) || seen_before(m, word, first_name)) continue;
            add_match(m, word, NULL, callable_suffix(v));
        }
    }
}

/* `expr` ("os.path") names an object: look it up without evaluating
 * anything but attribute access.  New reference or NULL (error cleared). */
static Object *lookup_dotted(const char *expr) {
    char *copy = strdup(expr);
    if (!copy) return NULL;
    char *save = NULL, *part = strtok_r(copy, ".", &save);
    Object *obj = NULL;
    if (part) {
        Object *d = runtime_main_dict();
        obj = d ? dict_get_cstr(d, part) : NULL;
        if (!obj && !err_occurred() && runtime.builtins) obj = dict_get_cstr(runtime.builtins, part);
        XINCREF(obj);
    }
    while (obj && (part = strtok_r(NULL, ".", &save))) {
        Object *next = obj_getattr_cstr(obj, part);
        DECREF(obj);
        obj = next;
    }
    free(copy);
    if (!obj) err_clear();
    return obj;
}

static bool is_dotted_name(const char *s, size_t n) {
    bool start = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.') {
            if (start) return false;
            start = true;
        } else if (isalpha(c) || c == '_' || c >= 0x80 || (!start && isdigit(c))) {
            start = false;
        } else {
            return false;
        }
    }
    return n > 0 && !start;
}

static int compare_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void attr_matches(Matches *m, const char *text) {
    const char *dot = strrchr(text, '.');
    size_t elen = (size_t)(dot - text);
    if (!is_dotted_name(text, elen)) return;
    const char *attr = dot + 1;
    for (const char *p = attr; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || (unsigned char)*p >= 0x80)) return;
    char *expr = strndup(text, elen);
    if (!expr) return;
    Object *obj = lookup_dotted(expr);
    Object *names = obj ? obj_dir(obj) : NULL;
    if (!names || !list_check(names)) {
        err_clear();
        XDECREF(names);
        XDECREF(obj);
        free(expr);
        return;
    }
    size_t n = strlen(attr);
    const char *noprefix = n == 0 ? "_" : (!strcmp(attr, "_") ? "__" : NULL);
    for (;;) {
        bool class_seen = false;
        for (intptr_t i = 0; i <= LIST_SIZE(names); i++) {
            Object *name = i < LIST_SIZE(names) ? LIST_ITEMS(names)[i] : NULL;
            const char *word = name ? (str_check(name) ? str_utf8(name) : NULL) : "__class__";
            if (!word || (!name && class_seen)) continue;
            if (name && !strcmp(word, "__class__")) class_seen = true;
            if (!strcmp(word, "__builtins__") || strncmp(word, attr, n)) continue;
            if (noprefix && !strncmp(word, noprefix, strlen(noprefix))) continue;
            /* A property is not evaluated (its getter may do anything). */
            Object *cls_attr = name ? type_lookup(OBJ_TYPE(obj), name) : NULL;
            if (cls_attr && !IS_SMALLINT(cls_attr) && OBJ_TYPE(cls_attr) == &Property_Type) {
                add_match(m, expr, word, "");
                continue;
            }
            Object *v = obj_getattr_cstr(obj, word);
            if (!v) {
                err_clear();
                add_match(m, expr, word, "");
                continue;
            }
            add_match(m, expr, word, v == None ? "" : callable_suffix(v));
            DECREF(v);
        }
        if (m->n || !noprefix) break;
        noprefix = !strcmp(noprefix, "_") ? "__" : NULL;
    }
    if (m->n > 1) qsort(m->items, m->n, sizeof(char *), compare_str);
    DECREF(names);
    DECREF(obj);
    free(expr);
}

char **repl_complete(const char *text) {
    Matches m = {NULL, 0, 0};
    if (strchr(text, '.')) attr_matches(&m, text);
    else global_matches(&m, text);
    if (err_occurred()) err_clear();
    if (!m.n) {
        free(m.items);
        return NULL;
    }
    m.items[m.n] = NULL;
    return m.items;
}
