/* vm/frame.h — execution frames (owned by eval).
 *
 * A frame is an object (type "frame") so that tracebacks, generators and
 * sys._getframe() can hold it after it stops running; while it runs, the C
 * stack of eval_frame() owns one reference.  Frames are recycled through a
 * size-binned free list: a call allocates nothing in the common case.
 *
 * Memory layout after the header, in `slots`:
 *   [ varnames (nlocals) | cells (ncells) | frees (nfrees) | value stack ]
 * followed by the block stack (code->maxblocks Blocks).
 *
 * Invariants:
 *   - `back` is a BORROWED pointer, valid only while the frame is linked
 *     into its thread's ts->frame chain (running); NULL otherwise.
 *   - `sp` is meaningful only when the frame is not running (created or
 *     suspended generator frames); a running frame's stack top lives in a
 *     register of eval_frame().
 *   - A frame is GC-tracked only once it escapes (traceback, generator,
 *     sys._getframe): until then the C stack's reference keeps it alive.
 */
#ifndef GILPY_FRAME_H
#define GILPY_FRAME_H

#include "vm/object.h"
#include "vm/objects/code.h"

enum BlockType { BLOCK_FINALLY = 1, BLOCK_EXCEPT_HANDLER = 2 };

typedef struct Block {
    int type;     /* enum BlockType */
    int handler;  /* instruction index (BLOCK_FINALLY) */
    int level;    /* value-stack depth when the block was pushed */
} Block;

enum FrameState {
    FRAME_CREATED = 0,    /* bound, not started */
    FRAME_RUNNING = 1,
    FRAME_SUSPENDED = 2,  /* a generator frame stopped at a yield */
    FRAME_DONE = 3,       /* returned or raised */
};

typedef struct Frame {
    Object ob_base;
    struct Frame *back;      /* borrowed; see above */
    CodeObject *code;        /* strong */
    Object *globals;         /* strong */
    Object *builtins;        /* strong (a dict) */
    Object *locals;          /* strong: dict or mapping for LOAD_NAME, or NULL */
    Object *gen;             /* borrowed: the owning generator, or NULL */
    Object **sp;             /* saved value-stack top (not running) */
    const uint32_t *instr;   /* next instruction to execute */
    int lasti;               /* index of the last instruction started (lines) */
    int nblocks;
    int capacity;            /* allocated slots (free-list bin) */
    int clean;               /* slots[0 .. clean) are NULL (free-list frames) */
    signed char state;       /* enum FrameState */
    Block *blocks;
    Object *slots[];
} Frame;

extern TypeObject Frame_Type;
static inline bool frame_check(Object *o) { return !IS_SMALLINT(o) && o->type == &Frame_Type; }

static inline Object **frame_stack_base(Frame *f) {
    CodeObject *co = f->code;
    return f->slots + co->nlocals + co->ncells + co->nfrees;
}

/* A fresh frame for `code` (new reference): locals slots empty, no cells
 * created yet, state FRAME_CREATED, instr at the first instruction. */
Frame *frame_new(CodeObject *code, Object *globals, Object *builtins, Object *locals);
/* Mark a frame as reachable from the heap (makes the collector see it). */
void frame_escape(Frame *f);
/* The line being executed (or about to be) by the frame. */
int frame_lineno(Frame *f);
/* f_locals: the locals dict, or for function frames a new dict snapshot of
 * the bound fast locals and cells.  New reference. */
Object *frame_locals_dict(Frame *f);
/* Drop every reference the frame holds in its slots (locals, stack). */
void frame_clear_slots(Frame *f);
/* Release the cached free frames (at shutdown, for leak checks). */
void frame_free_cache(void);

#endif
