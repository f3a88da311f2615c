/* vm/objects/code.c — code objects.
 *
 * A code object is immutable once built by the compiler, except for
 * `cache`, the per-instruction inline caches that eval fills lazily (owned
 * and freed by eval: eval_code_cache_free).  code_new derives the counts
 * eval needs (nlocals, ncells, nfrees) and cell2arg, the map from a cell
 * variable to the parameter it captures (that argument is moved into the
 * cell when a frame starts).
 */
#include <stdlib.h>
#include <string.h>

#include "vm/eval.h"
#include "vm/vm.h"

Object *code_new(uint32_t *code, int ncode, int *lines, uint32_t *cols, Object *consts,
                 Object *names, Object *varnames, Object *cellvars, Object *freevars,
                 int argcount, int posonlyargcount, int kwonlyargcount, int stacksize,
                 int maxblocks, int flags, int firstlineno, Object *name, Object *qualname,
                 Object *filename) {
    CodeObject *co = (CodeObject *)obj_alloc(&Code_Type);
    if (!co) {
        free(code);
        free(lines);
        free(cols);
        return NULL;
    }
    co->code = code;
    co->ncode = ncode;
    co->lines = lines;
    co->cols = cols;
    co->consts = NEWREF(consts);
    co->names = NEWREF(names);
    co->varnames = NEWREF(varnames);
    co->cellvars = NEWREF(cellvars);
    co->freevars = NEWREF(freevars);
    co->argcount = argcount;
    co->posonlyargcount = posonlyargcount;
    co->kwonlyargcount = kwonlyargcount;
    co->nlocals = (int)TUPLE_SIZE(varnames);
    co->ncells = (int)TUPLE_SIZE(cellvars);
    co->nfrees = (int)TUPLE_SIZE(freevars);
    co->stacksize = stacksize < 1 ? 1 : stacksize;
    co->maxblocks = maxblocks < 0 ? 0 : maxblocks;
    co->flags = flags;
    co->firstlineno = firstlineno;
    co->name = NEWREF(name);
    co->qualname = NEWREF(qualname ? qualname : name);
    co->filename = NEWREF(filename);
    co->cache = NULL;
    co->cell2arg = NULL;
    if (co->ncells > 0) {
        int nparams = argcount + kwonlyargcount + ((flags & CO_VARARGS) ? 1 : 0) +
                      ((flags & CO_VARKEYWORDS) ? 1 : 0);
        if (nparams > co->nlocals) nparams = co->nlocals;
        bool any = false;
        int *map = malloc(sizeof(int) * (size_t)co->ncells);
        if (!map) {
            DECREF((Object *)co);
            return err_no_memory();
        }
        for (int i = 0; i < co->ncells; i++) {
            map[i] = -1;
            Object *cname = TUPLE_GET(cellvars, i);
            for (int j = 0; j < nparams; j++) {
                if (str_eq(cname, TUPLE_GET(varnames, j))) {
                    map[i] = j;
                    any = true;
                    break;
                }
            }
        }
        if (any) {
            co->cell2arg = map;
        } else {
            free(map);
        }
    }
    if (co->nfrees == 0 && co->ncells == 0) co->flags |= CO_NOFREE;
    return (Object *)co;
}

int code_line_of(CodeObject *co, int i) {
    if (!co->lines || co->ncode == 0) return co->firstlineno;
    if (i < 0) i = 0;
    if (i >= co->ncode) i = co->ncode - 1;
    return co->lines[i];
}

static void code_dealloc(Object *o) {
    CodeObject *co = (CodeObject *)o;
    if (co->cache) eval_code_cache_free(co);
    free(co->code);
    free(co->lines);
    free(co->cols);
    free(co->cell2arg);
    CLEAR(co->consts);
    CLEAR(co->names);
    CLEAR(co->varnames);
    CLEAR(co->cellvars);
    CLEAR(co->freevars);
    CLEAR(co->name);
    CLEAR(co->qualname);
    CLEAR(co->filename);
    obj_free(o);
}

static Object *code_repr(Object *o) {
    CodeObject *co = (CodeObject *)o;
    return str_from_format("<code object %U at %p, file %R, line %d>", co->name, (void *)co,
                           co->filename, co->firstlineno);
}

#define CODE_INT_GETTER(fname, expr)                                  \
    static Object *code_get_##fname(Object *o, void *c) {             \
        CodeObject *co = (CodeObject *)o;                             \
        return int_from_long((long long)(expr));                      \
    }
CODE_INT_GETTER(argcount, co->argcount)
CODE_INT_GETTER(posonlyargcount, co->posonlyargcount)
CODE_INT_GETTER(kwonlyargcount, co->kwonlyargcount)
CODE_INT_GETTER(nlocals, co->nlocals)
CODE_INT_GETTER(stacksize, co->stacksize)
CODE_INT_GETTER(flags, co->flags)
CODE_INT_GETTER(firstlineno, co->firstlineno)

#define CODE_OBJ_GETTER(fname, field)                                 \
    static Object *code_get_##fname(Object *o, void *c) {             \
        return NEWREF(((CodeObject *)o)->field);                      \
    }
CODE_OBJ_GETTER(name, name)
CODE_OBJ_GETTER(qualname, qualname)
CODE_OBJ_GETTER(filename, filename)
CODE_OBJ_GETTER(consts, consts)
CODE_OBJ_GETTER(names, names)
CODE_OBJ_GETTER(varnames, varnames)
CODE_OBJ_GETTER(cellvars, cellvars)
CODE_OBJ_GETTER(freevars, freevars)

static Object *code_get_code(Object *o, void *c) {
    CodeObject *co = (CodeObject *)o;
    return bytes_from_buf((const char *)co->code, (size_t)co->ncode * sizeof(uint32_t));
}

static GetSetDef code_getset[] = {
    {"co_argcount", code_get_argcount, NULL, NULL, NULL},
    {"co_posonlyargcount", code_get_posonlyargcount, NULL, NULL, NULL},
    {"co_kwonlyargcount", code_get_kwonlyargcount, NULL, NULL, NULL},
    {"co_nlocals", code_get_nlocals, NULL, NULL, NULL},
    {"co_stacksize", code_get_stacksize, NULL, NULL, NULL},
    {"co_flags", code_get_flags, NULL, NULL, NULL},
    {"co_firstlineno", code_get_firstlineno, NULL, NULL, NULL},
    {"co_name", code_get_name, NULL, NULL, NULL},
    {"co_qualname", code_get_qualname, NULL, NULL, NULL},
    {"co_filename", code_get_filename, NULL, NULL, NULL},
    {"co_consts", code_get_consts, NULL, NULL, NULL},
    {"co_names", code_get_names, NULL, NULL, NULL},
    {"co_varnames", code_get_varnames, NULL, NULL, NULL},
    {"co_cellvars", code_get_cellvars, NULL, NULL, NULL},
    {"co_freevars", code_get_freevars, NULL, NULL, NULL},
    {"co_code", code_get_code, NULL, NULL, NULL},
    {NULL},
};

TypeObject Code_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "code",
    .basicsize = sizeof(CodeObject),
    .dealloc = code_dealloc,
    .repr = code_repr,
    .getset = code_getset,
};
