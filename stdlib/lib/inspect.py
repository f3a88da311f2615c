"""Get useful information from live Python objects.

The is*() predicates classify objects; getgeneratorstate() tells where a
generator is in its life (created, running, suspended, closed); getmembers()
lists an object's attributes.  Source inspection is not supported.
"""

import types

__all__ = [
    'CO_GENERATOR', 'CO_COROUTINE', 'CO_VARARGS', 'CO_VARKEYWORDS',
    'GEN_CLOSED', 'GEN_CREATED', 'GEN_RUNNING', 'GEN_SUSPENDED',
    'currentframe', 'getattr_static', 'getdoc', 'getgeneratorstate',
    'getmembers', 'getmodule', 'getmro', 'isabstract', 'isbuiltin', 'isclass',
    'iscode', 'iscoroutine', 'iscoroutinefunction', 'isframe', 'isfunction',
    'isgenerator', 'isgeneratorfunction', 'ismethod', 'ismodule', 'isroutine',
    'istraceback', 'cleandoc', 'unwrap',
]

# code object flags (co_flags)
CO_OPTIMIZED = 0x1
CO_NEWLOCALS = 0x2
CO_VARARGS = 0x4
CO_VARKEYWORDS = 0x8
CO_NESTED = 0x10
CO_GENERATOR = 0x20
CO_NOFREE = 0x40
CO_COROUTINE = 0x80
CO_ITERABLE_COROUTINE = 0x100
CO_ASYNC_GENERATOR = 0x200

GEN_CREATED = 'GEN_CREATED'
GEN_RUNNING = 'GEN_RUNNING'
GEN_SUSPENDED = 'GEN_SUSPENDED'
GEN_CLOSED = 'GEN_CLOSED'


def ismodule(object):
    """Return true if the object is a module."""
    return isinstance(object, types.ModuleType)


def isclass(object):
    """Return true if the object is a class."""
    return isinstance(object, type)


def ismethod(object):
    """Return true if the object is an instance method."""
    return isinstance(object, types.MethodType)


def isfunction(object):
    """Return true if the object is a user-defined function."""
    return isinstance(object, types.FunctionType)


def _has_code_flag(f, flag):
    while ismethod(f):
        f = f.__func__
    if not isfunction(f):
        return False
    return bool(f.__code__.co_flags & flag)


def isgeneratorfunction(object):
    """Return true if the object is a user-defined generator function."""
    return _has_code_flag(object, CO_GENERATOR)


def iscoroutinefunction(object):
    """Return true if the object is a coroutine function."""
    return _has_code_flag(object, CO_COROUTINE)


def isgenerator(object):
    """Return true if the object is a generator."""
    return isinstance(object, types.GeneratorType)


def iscoroutine(object):
    """Return true if the object is a coroutine."""
    return type(object).__name__ == 'coroutine'


def istraceback(object):
    """Return true if the object is a traceback."""
    return types.TracebackType is not None and isinstance(object, types.TracebackType)


def isframe(object):
    """Return true if the object is a frame object."""
    return types.FrameType is not None and isinstance(object, types.FrameType)


def iscode(object):
    """Return true if the object is a code object."""
    return isinstance(object, types.CodeType)


def isbuiltin(object):
    """Return true if the object is a built-in function or method."""
    return isinstance(object, types.BuiltinFunctionType)


def isroutine(object):
    """Return true if the object is any kind of function or method."""
    return (isbuiltin(object) or isfunction(object) or ismethod(object)
            or isinstance(object, (types.MethodDescriptorType,
                                   types.WrapperDescriptorType,
                                   types.MethodWrapperType)))


def isabstract(object):
    """Return true if the object is an abstract base class (ABC)."""
    return isinstance(object, type) and bool(getattr(object, '__abstractmethods__', False))


def getmembers(object, predicate=None):
    """Return all members of an object as (name, value) pairs sorted by name.
    Optionally, only return members that satisfy a given predicate."""
    results = []
    for key in dir(object):
        try:
            value = getattr(object, key)
        except AttributeError:
            continue
        if not predicate or predicate(value):
            results.append((key, value))
    results.sort(key=lambda pair: pair[0])
    return results


def getmro(cls):
    """Return tuple of base classes (including cls) in method resolution order."""
    return cls.__mro__


def getmodule(object):
    """Return the module an object was defined in, or None if not found."""
    if ismodule(object):
        return object
    import sys
    name = getattr(object, '__module__', None)
    return sys.modules.get(name) if name else None


def getattr_static(obj, attr, default=None):
    """Look an attribute up without running descriptors or __getattr__."""
    try:
        return vars(obj)[attr]
    except (TypeError, KeyError):
        pass
    klass = obj if isinstance(obj, type) else type(obj)
    for entry in klass.__mro__:
        if attr in entry.__dict__:
            return entry.__dict__[attr]
    return default


def cleandoc(doc):
    """Clean up indentation from docstrings: the first line's leading
    whitespace, the common indentation of the others, and blank lines at
    the start and the end go."""
    lines = doc.expandtabs().split('\n')
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    if lines:
        lines[0] = lines[0].lstrip()
    if margin is not None:
        for i in range(1, len(lines)):
            lines[i] = lines[i][margin:]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return '\n'.join(lines)


def getdoc(object):
    """Get the documentation string for an object, cleaned up."""
    try:
        doc = object.__doc__
    except AttributeError:
        return None
    if not isinstance(doc, str):
        return None
    return cleandoc(doc)


def unwrap(func, *, stop=None):
    """Follow the __wrapped__ chain of a function and return the innermost."""
    seen = {id(func)}
    while hasattr(func, '__wrapped__'):
        if stop is not None and stop(func):
            break
        func = func.__wrapped__
        if id(func) in seen:
            raise ValueError('wrapper loop when unwrapping %r' % (func,))
        seen.add(id(func))
    return func


def currentframe():
    """Return the frame of the caller or None if this is not possible."""
    import sys
    getframe = getattr(sys, '_getframe', None)
    return getframe(1) if getframe else None


def getgeneratorstate(generator):
    """Get current state of a generator-iterator.

    Possible states are:
      GEN_CREATED: Waiting to start execution.
      GEN_RUNNING: Currently being executed by the interpreter.
      GEN_SUSPENDED: Currently suspended at a yield expression.
      GEN_CLOSED: Execution has completed.
    """
    if generator.gi_running:
        return GEN_RUNNING
    if generator.gi_suspended:
        return GEN_SUSPENDED
    if generator.gi_frame is None:
        return GEN_CLOSED
    return GEN_CREATED


def getgeneratorlocals(generator):
    """Get the mapping of generator local variables to their current values."""
    if not isgenerator(generator):
        raise TypeError('%r is not a Python generator' % (generator,))
    frame = getattr(generator, 'gi_frame', None)
    if frame is not None:
        return generator.gi_frame.f_locals
    return {}
