/* vm/ast.c — the arena that holds an AST, and node/sequence helpers.
 *
 * An arena is a chain of blocks served by bump allocation; everything in it
 * dies together in arena_free().  The Objects an AST refers to (identifier
 * and constant values) are registered with arena_own() so the arena holds
 * exactly one reference to each and drops it when freed.
 */
#include <stdlib.h>
#include <string.h>

#include "vm/ast.h"
#include "vm/error.h"

#define ARENA_BLOCK 16384

typedef struct ArenaBlock {
    struct ArenaBlock *next;
    size_t used, size;
    max_align_t data[];
} ArenaBlock;

struct Arena {
    ArenaBlock *head;
    Object **owned;
    size_t nowned, capowned;
};

static ArenaBlock *block_new(size_t size) {
    ArenaBlock *b = malloc(sizeof(ArenaBlock) + size);
    if (!b) return NULL;
    b->next = NULL;
    b->used = 0;
    b->size = size;
    return b;
}

Arena *arena_new(void) {
    Arena *a = calloc(1, sizeof(Arena));
    if (!a) {
        err_no_memory();
        return NULL;
    }
    a->head = block_new(ARENA_BLOCK);
    if (!a->head) {
        free(a);
        err_no_memory();
        return NULL;
    }
    return a;
}

void arena_free(Arena *a) {
    if (!a) return;
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    for (size_t i = 0; i < a->nowned; i++) DECREF(a->owned[i]);
    free(a->owned);
    free(a);
}

void *arena_alloc(Arena *a, size_t n) {
    n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    ArenaBlock *b = a->head;
    if (b->used + n > b->size) {
        /* big requests get a block of their own behind the current one so
         * the current block keeps serving small ones */
        size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
        ArenaBlock *nb = block_new(size);
        if (!nb) {
            err_no_memory();
            return NULL;
        }
        if (size == n) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

int arena_own(Arena *a, Object *o) {
    if (a->nowned == a->capowned) {
        size_t cap = a->capowned ? a->capowned * 2 : 64;
        Object **p = realloc(a->owned, cap * sizeof(Object *));
        if (!p) {
            DECREF(o);
            err_no_memory();
            return -1;
        }
        a->owned = p;
        a->capowned = cap;
    }
    a->owned[a->nowned++] = o;
    return 0;
}

/* Sequences keep no capacity field: an items array always has room for the
 * next power of two >= n, so append knows when to grow from n alone. */
static int seq_capacity(int n) {
    int c = 1;
    while (c < n) c <<= 1;
    return n == 0 ? 0 : c;
}

AstSeq *ast_seq_new(Arena *a, int n) {
    AstSeq *s = arena_alloc(a, sizeof(AstSeq));
    if (!s) return NULL;
    s->n = n;
    if (n > 0) {
        s->items = arena_alloc(a, (size_t)seq_capacity(n) * sizeof(void *));
        if (!s->items) return NULL;
    }
    return s;
}

int ast_seq_append(Arena *a, AstSeq **sp, void *item) {
    AstSeq *s = *sp;
    if (!s) {
        s = ast_seq_new(a, 0);
        if (!s) return -1;
        *sp = s;
    }
    if (s->n == seq_capacity(s->n)) {
        int cap = s->n ? s->n * 2 : 4;
        if (s->n == 0) cap = 1;
        void **items = arena_alloc(a, (size_t)cap * sizeof(void *));
        if (!items) return -1;
        if (s->n) memcpy(items, s->items, (size_t)s->n * sizeof(void *));
        s->items = items;
    }
    s->items[s->n++] = item;
    return 0;
}

AstExpr *ast_expr_new(Arena *a, ExprKind kind, AstPos pos) {
    AstExpr *e = arena_alloc(a, sizeof(AstExpr));
    if (!e) return NULL;
    e->kind = kind;
    e->pos = pos;
    return e;
}

AstStmt *ast_stmt_new(Arena *a, StmtKind kind, AstPos pos) {
    AstStmt *s = arena_alloc(a, sizeof(AstStmt));
    if (!s) return NULL;
    s->kind = kind;
    s->pos = pos;
    return s;
}
