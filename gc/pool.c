/* gc/pool.c — a size-class allocator for small objects.
 *
 * Most objects are small and short-lived (floats, bound methods, frames'
 * companions, instances and their dicts, short strs).  glibc's malloc keeps
 * only a handful of freed blocks per size in its thread cache, so a loop
 * that builds and drops a few hundred objects at a time falls through to
 * its general (and much slower) bins.  Here every size class (multiples of
 * 16 bytes up to POOL_MAX) has its own free list of unlimited depth:
 * allocating and freeing are a pointer pop/push.
 *
 * Memory comes in arenas of ARENA_SIZE bytes aligned to their size; each
 * arena serves one size class, recorded in its first bytes, so a block's
 * class is found from its address alone (no per-block header).  A bitmap
 * over the address space (two levels, filled as arenas appear) tells our
 * blocks from malloc's, so pool_free also accepts blocks that were too big
 * for a class.  Arenas are never given back to the system: freed blocks
 * stay on their class's list for the next object of that size.
 *
 * Invariants: only called with the GIL held (objects are touched by the
 * GIL holder alone), so the lists need no locks.  Under the sanitizers the
 * pools are bypassed: ASan/LSan must see every object as its own block.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gc/pool.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define POOL_DISABLED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define POOL_DISABLED 1
#endif
#endif

#ifdef POOL_DISABLED

void *pool_alloc(size_t size) { return calloc(1, size ? size : 1); }
void *pool_realloc(void *p, size_t size) { return realloc(p, size ? size : 1); }
void pool_free(void *p) { free(p); }

#else

#define GRAIN 16                  /* block sizes are multiples of GRAIN */
#define NCLASSES (POOL_MAX / GRAIN)
#define ARENA_SHIFT 18            /* 256 KiB arenas */
#define ARENA_SIZE ((size_t)1 << ARENA_SHIFT)
#define ARENA_HEADER GRAIN        /* holds the class; keeps blocks 16-aligned */

/* Arena numbers (address >> ARENA_SHIFT) of 48-bit addresses have 30 bits:
 * the top 15 pick a second-level bitmap of 2^15 bits. */
#define L2_BITS 15
#define L1_SIZE ((size_t)1 << 15)
static uint8_t *arena_map[L1_SIZE];

typedef struct FreeBlock { struct FreeBlock *next; } FreeBlock;

static FreeBlock *free_lists[NCLASSES];
static char *bump[NCLASSES], *bump_end[NCLASSES];   /* the class's newest arena */

static inline int is_pool_block(const void *p) {
    uintptr_t a = (uintptr_t)p >> ARENA_SHIFT;
    if (a >> (2 * L2_BITS)) return 0;
    const uint8_t *l2 = arena_map[a >> L2_BITS];
    size_t bit = a & (((size_t)1 << L2_BITS) - 1);
    return l2 && ((l2[bit >> 3] >> (bit & 7)) & 1);
}

static inline size_t class_of_block(const void *p) {
    return *(const uint32_t *)((uintptr_t)p & ~(uintptr_t)(ARENA_SIZE - 1));
}

/* A new arena for class c; 0, or -1 when the system has no memory (or gives
 * an address the map cannot record: the caller then uses malloc). */
static int new_arena(size_t c) {
    char *a = aligned_alloc(ARENA_SIZE, ARENA_SIZE);
    if (!a) return -1;
    uintptr_t n = (uintptr_t)a >> ARENA_SHIFT;
    if (n >> (2 * L2_BITS)) {
        free(a);
        return -1;
    }
    uint8_t **l2 = &arena_map[n >> L2_BITS];
    if (!*l2 && !(*l2 = calloc(1, ((size_t)1 << L2_BITS) / 8))) {
        free(a);
        return -1;
    }
    size_t bit = n & (((size_t)1 << L2_BITS) - 1);
    (*l2)[bit >> 3] |= (uint8_t)(1u << (bit & 7));
    *(uint32_t *)a = (uint32_t)c;
    bump[c] = a + ARENA_HEADER;
    bump_end[c] = a + ARENA_SIZE;
    return 0;
}

/* Zero a block of n GRAIN-byte units.  An explicit loop: GCC would make a
 * memset of it (rep stos, whose start-up costs more than clearing the
 * usual 32-160 bytes); the empty asm keeps the loop a loop. */
static inline void zero_units(void *p, size_t n) {
    typedef uint64_t Unit __attribute__((vector_size(GRAIN), aligned(GRAIN)));
    Unit *u = p, z = {0};
    for (size_t i = 0; i < n; i++) {
        u[i] = z;
        __asm__ volatile("" ::: "memory");
    }
}

/* The rare paths, kept out of pool_alloc so its fast path saves no
 * registers: a class with an empty free list, and big blocks. */
static __attribute__((noinline)) void *pool_refill(size_t c, size_t size) {
    if (size > POOL_MAX) return calloc(1, size);
    size_t bsize = (c + 1) * GRAIN;
    if (bump_end[c] - bump[c] < (ptrdiff_t)bsize && new_arena(c) < 0) return calloc(1, size);
    void *b = bump[c];
    bump[c] += bsize;
    zero_units(b, c + 1);
    return b;
}

void *pool_alloc(size_t size) {
    if (size == 0) size = 1;
    size_t c = (size - 1) / GRAIN;
    if (size > POOL_MAX || !free_lists[c]) return pool_refill(c, size);
    FreeBlock *b = free_lists[c];
    free_lists[c] = b->next;
    zero_units(b, c + 1);
    return b;
}

void pool_free(void *p) {
    if (!p) return;
    if (!is_pool_block(p)) {
        free(p);
        return;
    }
    size_t c = class_of_block(p);
    FreeBlock *b = p;
    b->next = free_lists[c];
    free_lists[c] = b;
}

void *pool_realloc(void *p, size_t size) {
    if (!p) return pool_alloc(size);
    if (!is_pool_block(p)) return realloc(p, size ? size : 1);
    size_t have = (class_of_block(p) + 1) * GRAIN;
    if (size <= have) return p;
    /* Grown past its class: move to the next class (or to malloc, whose
     * realloc grows big blocks in place). */
    void *q = size > POOL_MAX ? malloc(size) : pool_alloc(size);
    if (!q) return NULL;
    memcpy(q, p, have);
    pool_free(p);
    return q;
}

#endif
