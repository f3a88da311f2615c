/* vm/import.c — finding, loading and caching modules.
 *
 * A dotted name is imported one component at a time, parents first.  Each
 * full name is looked up in order:
 *   1. sys.modules (the cache; a module being initialised is already there,
 *      which is what makes circular imports see a partial module);
 *   2. the native modules of stdlib/modules.c (top-level names only);
 *   3. the embedded stdlib (build/stdlib_embed.c, from stdlib/lib/);
 *   4. .py files and package folders (with __init__.py) along sys.path for
 *      top-level names, along the parent package's __path__ for submodules;
 *      a folder without __init__.py is a namespace package if nothing else
 *      matches.
 * A module whose code fails is removed from sys.modules again.
 *
 * Threads: while a thread runs a module's code, another thread importing the
 * same name waits (GIL released) until it is done, unless the waiting thread
 * is itself in the middle of an import (then it takes the partial module, as
 * CPython does to break deadlocks).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vm/vm.h"
#include "vm/compiler.h"
#include "vm/eval.h"
#include "vm/runtime.h"
#include "gil/gil.h"
#include "stdlib/runtime_modules.h"

/* ---- modules being initialised (GIL-protected) --------------------------- */
typedef struct Importing {
    Object *name;
    ThreadState *owner;
    struct Importing *next;
} Importing;

static Importing *importing;

static Importing *find_importing(Object *name) {
    for (Importing *i = importing; i; i = i->next)
        if (str_eq(i->name, name)) return i;
    return NULL;
}

bool import_in_progress(Object *name) { return find_importing(name) != NULL; }

static bool thread_is_importing(ThreadState *ts) {
    for (Importing *i = importing; i; i = i->next)
        if (i->owner == ts) return true;
    return false;
}

/* Wait while another thread initialises `name`. */
static void wait_for_import(Object *name) {
    ThreadState *me = ts_current;
    for (;;) {
        Importing *i = find_importing(name);
        if (!i || i->owner == me || thread_is_importing(me)) return;
        GIL_BLOCKING_BEGIN("import");
        usleep(200);
        GIL_BLOCKING_END();
    }
}

/* ---- errors ---------------------------------------------------------------- */
static Object *module_not_found(Object *fullname, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    StrBuf sb;
    strbuf_init(&sb);
    strbuf_vformat(&sb, fmt, ap);
    va_end(ap);
    Object *msg = strbuf_finish(&sb);
    if (!msg) return NULL;
    Object *exc = exc_new(&Exc_ModuleNotFoundError, &msg, 1);
    DECREF(msg);
    if (!exc) return NULL;
    if (obj_setattr_cstr(exc, "name", fullname) < 0) err_clear();
    err_set_object(&Exc_ModuleNotFoundError, exc);
    DECREF(exc);
    return NULL;
}

/* ---- running a module's code --------------------------------------------------- */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0) break;
        if (n + 1 == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf) return NULL;
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

/* The parent package's name of `fullname` ('' for a top-level module). */
static Object *parent_name(Object *fullname) {
    const char *s = str_utf8(fullname);
    const char *dot = strrchr(s, '.');
    return dot ? str_from_utf8(s, (size_t)(dot - s)) : str_from_cstr("");
}

/* Create module `fullname`, register it, run `source` in it.  `file` is
 * __file__ (NULL: none), `pkgdir` the package folder (NULL: not a package;
 * "" for an embedded package).  New reference to sys.modules[fullname]. */
static Object *exec_module(Object *fullname, const char *source, const char *codename,
                           const char *file, const char *pkgdir) {
    Object *m = module_new(str_utf8(fullname));
    if (!m) return NULL;
    Object *d = module_get_dict(m);
    Object *pkg = pkgdir ? NEWREF(fullname) : parent_name(fullname);
    int rc = pkg ? dict_set(d, id___package__, pkg) : -1;
    XDECREF(pkg);
    if (rc == 0) rc = dict_set(d, id___builtins__, runtime.builtins);
    if (rc == 0) rc = dict_set(d, id___spec__, None);
    if (rc == 0) rc = dict_set(d, id___loader__, None);
    if (rc == 0 && file) {
        Object *f = str_from_cstr(file);
        rc = f ? dict_set(d, id___file__, f) : -1;
        XDECREF(f);
        /* no bytecode cache files, but code may look at the name */
        if (rc == 0) rc = dict_set_cstr(d, "__cached__", None);
    }
    if (rc == 0 && pkgdir) {
        Object *path = list_new(0);
        if (path && *pkgdir) {
            Object *dir = str_from_cstr(pkgdir);
            if (!dir || list_append(path, dir) < 0) CLEAR(path);
            XDECREF(dir);
        }
        rc = path ? dict_set(d, id___path__, path) : -1;
        XDECREF(path);
    }
    if (rc < 0 || dict_set(runtime.modules, fullname, m) < 0) {
        DECREF(m);
        return NULL;
    }
    Importing entry = {fullname, ts_current, importing};
    importing = &entry;
    Object *code = compile_source(source, codename, MODE_EXEC);
    Object *r = code ? eval_code(code, d, d) : NULL;
    XDECREF(code);
    /* Unlink our entry (others may have been pushed and popped meanwhile). */
    for (Importing **p = &importing; *p; p = &(*p)->next)
        if (*p == &entry) {
            *p = entry.next;
            break;
        }
    if (!r) {
        Object *exc = err_fetch();
        if (dict_get(runtime.modules, fullname) == m) {
            if (dict_del(runtime.modules, fullname) < 0) err_clear();
        }
        err_clear();
        err_restore(exc);
        DECREF(m);
        return NULL;
    }
    DECREF(r);
    DECREF(m);
    Object *final = dict_get(runtime.modules, fullname);
    if (!final) {
        if (!err_occurred())
            err_format(&Exc_ImportError, "Loaded module %U not found in sys.modules", fullname);
        return NULL;
    }
    return NEWREF(final);
}

static Object *load_file(Object *fullname, const char *path, const char *pkgdir) {
    size_t n;
    char *src = read_file(path, &n);
    if (!src) return err_from_errno_filename(&Exc_OSError, path);
    const char *text = src;
    if (n >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) text += 3;
    Object *m = exec_module(fullname, text, path, path, pkgdir);
    free(src);
    return m;
}

/* ---- finders ---------------------------------------------------------------------- */
static bool is_file(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where a module was found (without running it). */
enum { FOUND_NATIVE, FOUND_EMBEDDED, FOUND_FILE, FOUND_NAMESPACE };
typedef struct Found {
    int kind;
    const NativeModule *native;
    const EmbeddedModule *embedded;
    bool is_package;
    char path[PATH_MAX + 512];     /* the .py file */
    char pkgdir[PATH_MAX + 256];   /* a package's folder */
} Found;

/* Look for `last` in the folders of `dirs` (a list of str).  1 found, 0 not. */
static int find_in_dirs(const char *last, Object *dirs, Found *out) {
    char cwd[PATH_MAX];
    char *base = out->pkgdir, *path = out->path;
    size_t basecap = sizeof out->pkgdir, pathcap = sizeof out->path;
    char nsdir[PATH_MAX + 256];
    nsdir[0] = '\0';
    intptr_t n = LIST_SIZE(dirs);
    for (intptr_t i = 0; i < n; i++) {
        Object *entry = LIST_GET(dirs, i);
        if (!str_check(entry)) continue;
        const char *dir = str_utf8(entry);
        if (!*dir) {
            if (!getcwd(cwd, sizeof cwd)) continue;
            dir = cwd;
        }
        snprintf(base, basecap, "%s/%s", dir, last);
        snprintf(path, pathcap, "%s/__init__.py", base);
        if (is_file(path)) {
            out->kind = FOUND_FILE;
            out->is_package = true;
            return 1;
        }
        snprintf(path, pathcap, "%s.py", base);
        if (is_file(path)) {
            out->kind = FOUND_FILE;
            out->is_package = false;
            return 1;
        }
        if (!nsdir[0] && is_dir(base)) snprintf(nsdir, sizeof nsdir, "%s", base);
    }
    if (nsdir[0]) {
        out->kind = FOUND_NAMESPACE;
        out->is_package = true;
        snprintf(out->pkgdir, basecap, "%s", nsdir);
        return 1;
    }
    return 0;
}

static const EmbeddedModule *find_embedded(const char *name) {
    for (const EmbeddedModule *em = embedded_modules; em->name; em++)
        if (!strcmp(em->name, name)) return em;
    return NULL;
}

/* Find (not load) `fullname` whose parent module, if any, is `parent`.
 * 1 found, 0 not found (ModuleNotFoundError set), -1 other error. */
static int find_module(Object *fullname, Object *parent, const char *last, Found *out) {
    const char *name = str_utf8(fullname);
    if (!parent) {
        for (const NativeModule *nm = native_modules; nm->name; nm++) {
            if (strcmp(nm->name, name)) continue;
            out->kind = FOUND_NATIVE;
            out->native = nm;
            return 1;
        }
    }
    const EmbeddedModule *em = find_embedded(name);
    if (em) {
        out->kind = FOUND_EMBEDDED;
        out->embedded = em;
        out->is_package = em->is_package;
        return 1;
    }
    Object *dirs;
    if (parent) {
        Object *path = NULL;
        if (obj_lookup_attr(parent, id___path__, &path) < 0) return -1;
        if (!path) {
            Object *pname = parent_name(fullname);
            if (pname) module_not_found(fullname, "No module named %R; %R is not a package",
                                        fullname, pname);
            XDECREF(pname);
            return 0;
        }
        dirs = list_check(path) ? path : list_from_iterable(path);
        if (dirs != path) DECREF(path);
        if (!dirs) return -1;
    } else {
        dirs = sys_get_object("path");
        if (!dirs || !list_check(dirs)) {
            err_format(&Exc_ImportError, "sys.path must be a list of directory names");
            return -1;
        }
        INCREF(dirs);
    }
    int r = find_in_dirs(last, dirs, out);
    DECREF(dirs);
    if (!r) module_not_found(fullname, "No module named %R", fullname);
    return r;
}

/* Load what find_module found as module `fullname`. */
static Object *load_found(Object *fullname, Found *f) {
    switch (f->kind) {
    case FOUND_NATIVE: {
        Object *m = f->native->init();
        if (!m) return NULL;
        if (dict_set(runtime.modules, fullname, m) < 0) {
            DECREF(m);
            return NULL;
        }
        return m;
    }
    case FOUND_EMBEDDED: {
        char codename[300];
        snprintf(codename, sizeof codename, "<frozen %s>", str_utf8(fullname));
        return exec_module(fullname, f->embedded->source, codename, NULL,
                           f->is_package ? "" : NULL);
    }
    case FOUND_NAMESPACE:
        return exec_module(fullname, "", "<namespace>", NULL, f->pkgdir);
    default:
        return load_file(fullname, f->path, f->is_package ? f->pkgdir : NULL);
    }
}

/* Import one full name whose parent (if any) is already imported.  New
 * reference; `loaded` says whether it was newly loaded (not cached). */
static Object *import_one(Object *fullname, Object *parent, const char *last, bool *loaded) {
    *loaded = false;
    Object *m = dict_get(runtime.modules, fullname);
    if (m) {
        if (m == None)
            return module_not_found(fullname, "import of %U halted; None in sys.modules",
                                    fullname);
        INCREF(m);
        wait_for_import(fullname);
        return m;
    }
    if (err_occurred()) return NULL;
    *loaded = true;
    Found *f = malloc(sizeof *f);
    if (!f) return err_no_memory();
    Object *res = find_module(fullname, parent, last, f) == 1 ? load_found(fullname, f) : NULL;
    free(f);
    return res;
}

/* Import a dotted absolute name; returns the leaf module (new reference) and,
 * if `top` is not NULL, the first component's module in *top. */
static Object *import_dotted(Object *fullname, Object **top) {
    const char *s = str_utf8(fullname);
    /* Fast path: the whole name is cached and not being initialised. */
    Object *cached = dict_get(runtime.modules, fullname);
    if (!cached && err_occurred()) return NULL;
    if (cached && cached != None && !importing) {
        if (!top) return NEWREF(cached);
        const char *dot = strchr(s, '.');
        if (!dot) {
            *top = NEWREF(cached);
            return NEWREF(cached);
        }
        Object *tname = str_from_utf8(s, (size_t)(dot - s));
        Object *t = tname ? dict_get(runtime.modules, tname) : NULL;
        XDECREF(tname);
        if (t) {
            *top = NEWREF(t);
            return NEWREF(cached);
        }
        err_clear();
    }
    Object *parent = NULL, *first = NULL;
    const char *p = s;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t upto = dot ? (size_t)(dot - s) : strlen(s);
        Object *prefix = str_from_utf8(s, upto);
        if (!prefix) goto fail;
        char last[256];
        size_t lastlen = (size_t)((s + upto) - p);
        if (lastlen == 0 || lastlen >= sizeof last) {
            DECREF(prefix);
            err_format(&Exc_ValueError, "Empty module name");
            goto fail;
        }
        memcpy(last, p, lastlen);
        last[lastlen] = '\0';
        bool loaded;
        Object *m = import_one(prefix, parent, last, &loaded);
        if (m && parent && loaded) {
            /* import a.b makes b an attribute of a */
            Object *attr = str_from_cstr(last);
            if (!attr || obj_setattr(parent, attr, m) < 0) err_clear();
            XDECREF(attr);
        }
        DECREF(prefix);
        if (!m) goto fail;
        if (!first) first = NEWREF(m);
        XDECREF(parent);
        parent = m;
        if (!dot) break;
        p = dot + 1;
    }
    if (top) *top = first;
    else XDECREF(first);
    return parent;
fail:
    XDECREF(parent);
    XDECREF(first);
    return NULL;
}

Object *import_module(const char *name) {
    Object *n = str_from_cstr(name);
    if (!n) return NULL;
    Object *m = import_dotted(n, NULL);
    DECREF(n);
    return m;
}

/* ---- relative names ----------------------------------------------------------------- */
/* The package a relative import in `globals` is relative to (new str). */
static Object *calc_package(Object *globals) {
    if (!globals || !dict_check(globals)) {
        err_format(&Exc_ImportError, "attempted relative import with no known parent package");
        return NULL;
    }
    Object *pkg = dict_get_str(globals, id___package__);
    if (pkg && pkg != None) {
        if (!str_check(pkg)) {
            err_format(&Exc_TypeError, "package must be a string");
            return NULL;
        }
        return NEWREF(pkg);
    }
    Object *name = dict_get_str(globals, id___name__);
    if (!name || !str_check(name)) {
        err_format(&Exc_KeyError, "'__name__' not in globals");
        return NULL;
    }
    if (dict_get_str(globals, id___path__)) return NEWREF(name);
    return parent_name(name);
}

static Object *resolve_name(Object *name, Object *globals, int level) {
    Object *package = calc_package(globals);
    if (!package) return NULL;
    if (STR_SIZE(package) == 0) {
        DECREF(package);
        err_format(&Exc_ImportError, "attempted relative import with no known parent package");
        return NULL;
    }
    const char *p = str_utf8(package);
    size_t len = (size_t)STR_SIZE(package);
    for (int i = 1; i < level; i++) {
        const char *dot = NULL;
        for (size_t j = len; j > 0; j--)
            if (p[j - 1] == '.') {
                dot = p + j - 1;
                break;
            }
        if (!dot) {
            DECREF(package);
            err_format(&Exc_ImportError, "attempted relative import beyond top-level package");
            return NULL;
        }
        len = (size_t)(dot - p);
    }
    Object *res = STR_SIZE(name) ? str_from_format("%.*s.%U", (int)len, p, name)
                                 : str_from_utf8(p, len);
    DECREF(package);
    return res;
}

/* ---- from-lists ------------------------------------------------------------------------ */
static int handle_fromlist(Object *module, Object *fromlist, bool recursive) {
    Object *path = NULL;
    if (obj_lookup_attr(module, id___path__, &path) < 0) return -1;
    if (!path) return 0;   /* not a package: IMPORT_FROM reports missing names */
    DECREF(path);
    Object *mname = obj_getattr(module, id___name__);
    if (!mname) return -1;
    Object *it = obj_get_iter(fromlist);
    if (!it) {
        DECREF(mname);
        return -1;
    }
    Object *item;
    int rc = 0;
    while (rc == 0 && (item = obj_iter_next(it))) {
        if (!str_check(item)) {
            if (recursive)
                err_format(&Exc_TypeError, "Item in %U.__all__ must be str, not %T", mname, item);
            else
                err_format(&Exc_TypeError, "Item in ``from list'' must be str, not %T", item);
            rc = -1;
        } else if (str_eq_cstr(item, "*")) {
            Object *all = NULL;
            if (!recursive && obj_lookup_attr(module, id___all__, &all) < 0) rc = -1;
            if (all) {
                rc = handle_fromlist(module, all, true);
                DECREF(all);
            }
        } else {
            int has = obj_hasattr(module, item);
            if (has < 0) {
                rc = -1;
            } else if (!has) {
                Object *full = str_from_format("%U.%U", mname, item);
                if (!full) {
                    rc = -1;
                } else {
                    Object *m = import_dotted(full, NULL);
                    if (m) {
                        DECREF(m);
                    } else if (err_matches(&Exc_ModuleNotFoundError)) {
                        /* Only "this very submodule doesn't exist" is ignored. */
                        Object *exc = err_fetch();
                        Object *ename = NULL;
                        if (obj_lookup_attr(exc, id_name, &ename) < 0) err_clear();
                        if (ename && str_check(ename) && str_eq(ename, full)) {
                            DECREF(exc);
                        } else {
                            err_restore(exc);
                            rc = -1;
                        }
                        XDECREF(ename);
                    } else {
                        rc = -1;
                    }
                    DECREF(full);
                }
            }
        }
        DECREF(item);
    }
    if (rc == 0 && err_occurred()) rc = -1;
    DECREF(it);
    DECREF(mname);
    return rc;
}

Object *import_name(Object *name, Object *globals, Object *fromlist, int level) {
    if (!str_check(name))
        return err_format(&Exc_TypeError, "module name must be str, not %T", name);
    if (level < 0) return err_format(&Exc_ValueError, "level must be >= 0");
    if (level == 0 && STR_SIZE(name) == 0)
        return err_format(&Exc_ValueError, "Empty module name");
    Object *fullname = level > 0 ? resolve_name(name, globals, level) : NEWREF(name);
    if (!fullname) return NULL;
    Object *top = NULL;
    Object *leaf = import_dotted(fullname, &top);
    if (!leaf) {
        DECREF(fullname);
        return NULL;
    }
    int want_fromlist = fromlist ? obj_is_true(fromlist) : 0;
    if (want_fromlist < 0) goto fail;
    if (want_fromlist) {
        if (handle_fromlist(leaf, fromlist, false) < 0) goto fail;
        XDECREF(top);
        DECREF(fullname);
        return leaf;
    }
    if (level == 0 || STR_SIZE(name) == 0) {
        DECREF(fullname);
        if (level == 0) {
            DECREF(leaf);
            return top;
        }
        XDECREF(top);
        return leaf;
    }
    /* `__import__('a.b', level=1)` without a fromlist: the module of the
     * first component of name, relative to the package. */
    {
        const char *n = str_utf8(name);
        const char *dot = strchr(n, '.');
        size_t cut = (size_t)STR_SIZE(fullname) - (dot ? strlen(dot) : 0);
        Object *firstname = str_from_utf8(str_utf8(fullname), cut);
        Object *m = firstname ? dict_get(runtime.modules, firstname) : NULL;
        XDECREF(firstname);
        XDECREF(top);
        DECREF(leaf);
        DECREF(fullname);
        if (!m) return err_occurred() ? NULL : err_format(&Exc_KeyError, "%R", name);
        return NEWREF(m);
    }
fail:
    XDECREF(top);
    DECREF(leaf);
    DECREF(fullname);
    return NULL;
}

/* __import__(name, globals=None, locals=None, fromlist=(), level=0) */
Object *builtin___import__(Object *self, Object *const *args, size_t nargs, Object *kwnames) {
    static const char *kwlist[] = {"name", "globals", "locals", "fromlist", "level", NULL};
    Object *name, *globals = None, *locals = None, *fromlist = NULL;
    int level = 0;
    if (args_parse(args, nargs, kwnames, "U|OOOi:__import__", kwlist, &name, &globals, &locals,
                   &fromlist, &level) < 0)
        return NULL;
    return import_name(name, globals == None ? NULL : globals, fromlist, level);
}

/* ---- -m: a module's code without running it as itself ---------------------------- */
int import_find_main(const char *name, char **source, char **file, char **package) {
    *source = *file = *package = NULL;
    char full[1024];
    snprintf(full, sizeof full, "%s", name);
    for (int attempt = 0; attempt < 2; attempt++) {
        Object *fullname = str_from_cstr(full);
        if (!fullname) return -1;
        Object *pname = parent_name(fullname);
        if (!pname) {
            DECREF(fullname);
            return -1;
        }
        Object *parent = NULL;
        if (STR_SIZE(pname) > 0) {
            /* Parents are imported (and run) for real, as runpy does. */
            parent = import_dotted(pname, NULL);
            if (!parent) {
                DECREF(fullname);
                DECREF(pname);
                return -1;
            }
        }
        const char *dot = strrchr(full, '.');
        Found *f = malloc(sizeof *f);
        int r = f ? find_module(fullname, parent, dot ? dot + 1 : full, f) : -1;
        XDECREF(parent);
        DECREF(fullname);
        if (r != 1) {
            free(f);
            DECREF(pname);
            return -1;
        }
        if (f->is_package) {
            free(f);
            DECREF(pname);
            if (attempt == 1) break;
            size_t len = strlen(full);
            if (len + 10 > sizeof full) break;
            memcpy(full + len, ".__main__", 10);
            continue;
        }
        int rc = 0;
        *package = strdup(str_utf8(pname));
        DECREF(pname);
        if (f->kind == FOUND_NATIVE) {
            err_format(&Exc_ImportError, "No code object available for %s", full);
            rc = -1;
        } else if (f->kind == FOUND_EMBEDDED) {
            *source = strdup(f->embedded->source);
            char codename[1100];
            snprintf(codename, sizeof codename, "<frozen %s>", full);
            *file = strdup(codename);
        } else {
            size_t n;
            *source = read_file(f->path, &n);
            if (!*source) {
                err_from_errno_filename(&Exc_OSError, f->path);
                rc = -1;
            }
            *file = strdup(f->path);
        }
        free(f);
        if (rc < 0) {
            free(*source);
            free(*file);
            free(*package);
            *source = *file = *package = NULL;
        }
        return rc;
    }
    char pkg[1024];
    snprintf(pkg, sizeof pkg, "%s", name);
    err_format(&Exc_ImportError, "No module named %s.__main__; '%s' is a package and cannot be "
               "directly executed", pkg, pkg);
    return -1;
}
