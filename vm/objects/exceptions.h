/* vm/objects/exceptions.h — the built-in exception hierarchy.
 *
 * Every built-in exception is a static TypeObject named Exc_<Name>.
 * EXCEPTION_LIST is the single list of them: (name, base, struct) where the
 * struct says which instance layout the type uses.
 */
#ifndef GILPY_EXCEPTIONS_H
#define GILPY_EXCEPTIONS_H

#include "vm/object.h"

typedef struct BaseExceptionObject {
    Object ob_base;
    Object *dict;           /* instance attributes */
    Object *args;           /* tuple */
    Object *traceback;      /* traceback object or NULL */
    Object *cause;          /* __cause__ or NULL */
    Object *context;        /* __context__ or NULL */
    char suppress_context;  /* __suppress_context__ */
    Object *notes;          /* __notes__ list or NULL */
} BaseExceptionObject;

typedef struct StopIterationObject {
    BaseExceptionObject base;
    Object *value;
} StopIterationObject;

typedef struct SystemExitObject {
    BaseExceptionObject base;
    Object *code;
} SystemExitObject;

typedef struct OSErrorObject {
    BaseExceptionObject base;
    Object *myerrno, *strerror, *filename, *filename2;
} OSErrorObject;

typedef struct SyntaxErrorObject {
    BaseExceptionObject base;
    Object *msg, *filename, *lineno, *offset, *text, *end_lineno, *end_offset;
} SyntaxErrorObject;

typedef struct ImportErrorObject {
    BaseExceptionObject base;
    Object *msg, *name, *path;
} ImportErrorObject;

typedef struct NameErrorObject {   /* NameError and AttributeError */
    BaseExceptionObject base;
    Object *name, *obj;
} NameErrorObject;

typedef struct UnicodeErrorObject {
    BaseExceptionObject base;
    Object *encoding, *object, *start, *end, *reason;
} UnicodeErrorObject;

/* X(Name, Base, StructType) */
#define EXCEPTION_LIST(X)                                        \
    X(BaseException, Object, BaseExceptionObject)                \
    X(SystemExit, BaseException, SystemExitObject)               \
    X(KeyboardInterrupt, BaseException, BaseExceptionObject)     \
    X(GeneratorExit, BaseException, BaseExceptionObject)         \
    X(Exception, BaseException, BaseExceptionObject)             \
    X(StopIteration, Exception, StopIterationObject)             \
    X(StopAsyncIteration, Exception, BaseExceptionObject)        \
    X(ArithmeticError, Exception, BaseExceptionObject)           \
    X(FloatingPointError, ArithmeticError, BaseExceptionObject)  \
    X(OverflowError, ArithmeticError, BaseExceptionObject)       \
    X(ZeroDivisionError, ArithmeticError, BaseExceptionObject)   \
    X(AssertionError, Exception, BaseExceptionObject)            \
    X(AttributeError, Exception, NameErrorObject)                \
    X(BufferError, Exception, BaseExceptionObject)               \
    X(EOFError, Exception, BaseExceptionObject)                  \
    X(ImportError, Exception, ImportErrorObject)                 \
    X(ModuleNotFoundError, ImportError, ImportErrorObject)       \
    X(LookupError, Exception, BaseExceptionObject)               \
    X(IndexError, LookupError, BaseExceptionObject)              \
    X(KeyError, LookupError, BaseExceptionObject)                \
    X(MemoryError, Exception, BaseExceptionObject)               \
    X(NameError, Exception, NameErrorObject)                     \
    X(UnboundLocalError, NameError, NameErrorObject)             \
    X(OSError, Exception, OSErrorObject)                         \
    X(BlockingIOError, OSError, OSErrorObject)                   \
    X(ChildProcessError, OSError, OSErrorObject)                 \
    X(ConnectionError, OSError, OSErrorObject)                   \
    X(BrokenPipeError, ConnectionError, OSErrorObject)           \
    X(ConnectionAbortedError, ConnectionError, OSErrorObject)    \
    X(ConnectionRefusedError, ConnectionError, OSErrorObject)    \
    X(ConnectionResetError, ConnectionError, OSErrorObject)      \
    X(FileExistsError, OSError, OSErrorObject)                   \
    X(FileNotFoundError, OSError, OSErrorObject)                 \
    X(InterruptedError, OSError, OSErrorObject)                  \
    X(IsADirectoryError, OSError, OSErrorObject)                 \
    X(NotADirectoryError, OSError, OSErrorObject)                \
    X(PermissionError, OSError, OSErrorObject)                   \
    X(ProcessLookupError, OSError, OSErrorObject)                \
    X(TimeoutError, OSError, OSErrorObject)                      \
    X(ReferenceError, Exception, BaseExceptionObject)            \
    X(RuntimeError, Exception, BaseExceptionObject)              \
    X(NotImplementedError, RuntimeError, BaseExceptionObject)    \
    X(RecursionError, RuntimeError, BaseExceptionObject)         \
    X(SyntaxError, Exception, SyntaxErrorObject)                 \
    X(IndentationError, SyntaxError, SyntaxErrorObject)          \
    X(TabError, IndentationError, SyntaxErrorObject)             \
    X(SystemError, Exception, BaseExceptionObject)               \
    X(TypeError, Exception, BaseExceptionObject)                 \
    X(ValueError, Exception, BaseExceptionObject)                \
    X(UnicodeError, ValueError, BaseExceptionObject)             \
    X(UnicodeDecodeError, UnicodeError, UnicodeErrorObject)      \
    X(UnicodeEncodeError, UnicodeError, UnicodeErrorObject)      \
    X(Warning, Exception, BaseExceptionObject)                   \
    X(DeprecationWarning, Warning, BaseExceptionObject)          \
    X(RuntimeWarning, Warning, BaseExceptionObject)              \
    X(UserWarning, Warning, BaseExceptionObject)                 \
    X(ResourceWarning, Warning, BaseExceptionObject)             \
    X(PendingDeprecationWarning, Warning, BaseExceptionObject)   \
    X(SyntaxWarning, Warning, BaseExceptionObject)               \
    X(FutureWarning, Warning, BaseExceptionObject)               \
    X(ImportWarning, Warning, BaseExceptionObject)               \
    X(UnicodeWarning, Warning, BaseExceptionObject)              \
    X(BytesWarning, Warning, BaseExceptionObject)                \
    X(EncodingWarning, Warning, BaseExceptionObject)

#define DECLARE_EXC(name, base, st) extern TypeObject Exc_##name;
EXCEPTION_LIST(DECLARE_EXC)
#undef DECLARE_EXC

/* Create an instance: type(*args).  New reference. */
Object *exc_new(TypeObject *type, Object *const *args, size_t nargs);
/* Accessors used by eval and the traceback printer (new/borrowed as named). */
Object *exc_get_traceback(Object *exc);            /* borrowed, may be NULL */
void exc_set_traceback(Object *exc, Object *tb);   /* tb may be NULL; increfs */
Object *exc_get_cause(Object *exc);                /* borrowed, may be NULL */
void exc_set_cause(Object *exc, Object *cause);    /* steals; sets suppress_context */
Object *exc_get_context(Object *exc);              /* borrowed, may be NULL */
void exc_set_context(Object *exc, Object *ctx);    /* steals */
bool exc_get_suppress_context(Object *exc);
/* StopIteration(value): new reference to the value (None if no args). */
Object *stopiteration_value(Object *exc);
bool is_exception_instance(Object *o);   /* isinstance(o, BaseException) */
bool is_exception_class(Object *o);      /* issubclass-of-BaseException type */

#endif
