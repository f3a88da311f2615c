"""Serialise Python objects to bytes and back: pickle.dumps / pickle.loads.

gilpy's pickle writes its own compact format (see stdlib/pickle.c), not
CPython's protocol: only gilpy reads what gilpy writes, mostly through
multiprocessing's pipes and queues.  What can be pickled follows CPython:

  - None, bools, ints of any size, floats, str, bytes, bytearray, tuples,
    lists, dicts, sets and frozensets are written directly (in C);
  - classes and module-level functions are written by their qualified name
    and looked up again on loading, so a lambda or a nested function fails
    with CPython's messages;
  - any other object through the __reduce_ex__ / __reduce__ protocol:
    instances of module-level classes (their __dict__, __getstate__ and
    __setstate__), exceptions, and everything with a reducer in
    `dispatch_table`.

Shared and self-referencing lists, dicts, sets and instances keep their
shape.  Objects that cannot cross a process boundary (locks, open files,
generators, modules) raise TypeError "cannot pickle 'X' object".
"""

import sys
import _pickle
from _pickle import dumps as _c_dumps, loads as _c_loads

__all__ = ['PickleError', 'PicklingError', 'UnpicklingError', 'Pickler', 'Unpickler',
           'dump', 'dumps', 'load', 'loads', 'HIGHEST_PROTOCOL', 'DEFAULT_PROTOCOL']

HIGHEST_PROTOCOL = 5
DEFAULT_PROTOCOL = 4
format_version = 'gilpy-1'


class PickleError(Exception):
    """Base class of the pickling errors."""
    __module__ = '_pickle'


class PicklingError(PickleError):
    """An object cannot be pickled."""
    __module__ = '_pickle'


class UnpicklingError(PickleError):
    """The data is not a valid pickle."""
    __module__ = '_pickle'


# type -> function(obj) returning a reduce tuple, as copyreg.dispatch_table.
dispatch_table = {}


def _reduce_range(r):
    return range, (r.start, r.stop, r.step)


def _reduce_slice(s):
    return slice, (s.start, s.stop, s.step)


def _reduce_complex(c):
    return complex, (c.real, c.imag)


dispatch_table[range] = _reduce_range
dispatch_table[slice] = _reduce_slice
try:
    dispatch_table[complex] = _reduce_complex
except NameError:       # gilpy has no complex numbers yet
    pass

dispatch_table[type(NotImplemented)] = lambda obj: 'NotImplemented'
_object_reduce_ex = object.__reduce_ex__
_object_reduce = object.__reduce__
_NoneType = type(None)
_singleton_types = {_NoneType: None, type(NotImplemented): NotImplemented,
                    type(Ellipsis): Ellipsis}


def _qualified_type_name(cls):
    module = getattr(cls, '__module__', 'builtins')
    name = getattr(cls, '__qualname__', cls.__name__)
    return name if module in ('builtins', None) else module + '.' + name


def _getattribute(obj, qualname):
    """Walk a dotted qualified name from obj (a module)."""
    for part in qualname.split('.'):
        if part == '<locals>':
            raise AttributeError("Can't get local attribute %r on %r" % (qualname, obj))
        obj = getattr(obj, part)
    return obj


def _which_module(obj, name):
    """The module obj was defined in: __module__, or a search of sys.modules."""
    module = getattr(obj, '__module__', None)
    if module is not None:
        return module
    for module_name, module in list(sys.modules.items()):
        if module_name == '__main__' or module is None:
            continue
        try:
            if _getattribute(module, name) is obj:
                return module_name
        except AttributeError:
            pass
    return '__main__'


def _global(obj, name=None):
    """(module, qualname) for an object pickled by reference, after checking
    that loading will find this very object."""
    if name is None:
        name = getattr(obj, '__qualname__', None) or obj.__name__
    module_name = _which_module(obj, name)
    if '<locals>' in name.split('.'):
        raise AttributeError("Can't pickle local object %r" % name)
    try:
        __import__(module_name)
        module = sys.modules[module_name]
        found = _getattribute(module, name)
    except (ImportError, KeyError, AttributeError):
        raise PicklingError("Can't pickle %r: attribute lookup %s on %s failed"
                            % (obj, name, module_name)) from None
    if found is not obj:
        raise PicklingError("Can't pickle %r: it's not the same object as %s.%s"
                            % (obj, module_name, name))
    return module_name, name


def _reduce(obj):
    """The reduce hook called by _pickle for objects it does not know."""
    cls = type(obj)
    if isinstance(obj, type):
        if obj in _singleton_types:
            return type, (_singleton_types[obj],)
        return _global(obj)
    if cls is _FunctionType:
        return _global(obj)
    if cls is _BuiltinFunctionType:
        if obj.__name__ == '__newobj__' and getattr(obj, '__self__', None) is None:
            return 'pickle', '__newobj__'
        owner = getattr(obj, '__self__', None)
        if owner is None or type(owner).__name__ == 'module':
            return _global(obj)
        return getattr, (owner, obj.__name__)
    if cls is _MethodType:
        return getattr, (obj.__self__, obj.__func__.__name__)
    reducer = dispatch_table.get(cls)
    if reducer is not None:
        rv = reducer(obj)
    else:
        try:
            # As object.__reduce_ex__ in CPython: an overriding __reduce_ex__
            # wins, then an overriding __reduce__, then the default.
            if getattr(cls, '__reduce_ex__', _object_reduce_ex) is not _object_reduce_ex:
                rv = obj.__reduce_ex__(DEFAULT_PROTOCOL)
            elif getattr(cls, '__reduce__', _object_reduce) is not _object_reduce:
                rv = obj.__reduce__()
            else:
                rv = obj.__reduce_ex__(DEFAULT_PROTOCOL)
                getnewargs = getattr(obj, '__getnewargs__', None)
                if getnewargs is not None:
                    rv = (rv[0], (cls,) + tuple(getnewargs())) + tuple(rv[2:])
        except TypeError as e:
            if str(e).startswith('cannot pickle'):
                raise TypeError("cannot pickle %r object" % _qualified_type_name(cls)) from None
            raise
    if isinstance(rv, str):
        return _global(obj, rv)
    if not isinstance(rv, tuple):
        raise PicklingError("%s must return string or tuple" % ('__reduce__',))
    if not 2 <= len(rv) <= 6:
        raise PicklingError("Tuple returned by %s must have two to six elements" % '__reduce__')
    if len(rv) == 6:
        rv = rv[:5]
    return rv


def _find_class(module, name):
    """The load hook: the object a (module, qualname) reference names."""
    __import__(module)
    try:
        return _getattribute(sys.modules[module], name)
    except AttributeError:
        raise AttributeError("Can't get attribute %r on %r" % (name, sys.modules[module])) from None


def _build(obj, state):
    """Give a rebuilt object its state: __setstate__, or __dict__ and slots."""
    setstate = getattr(obj, '__setstate__', None)
    if setstate is not None:
        setstate(state)
        return
    slotstate = None
    if isinstance(state, tuple) and len(state) == 2:
        state, slotstate = state
    if state:
        obj.__dict__.update(state)
    if slotstate:
        for k, v in slotstate.items():
            setattr(obj, k, v)


def _func():
    pass


class _C:
    def m(self):
        pass


_FunctionType = type(_func)
_BuiltinFunctionType = type(len)
_MethodType = type(_C().m)


def __newobj__(cls, *args):
    """object.__reduce_ex__ rebuilds instances with a built-in __newobj__
    (CPython's copyreg.__newobj__); it is pickled as a reference to this."""
    return cls.__new__(cls, *args)

del _func, _C

_pickle._set_hooks(_reduce, _find_class, _build, PicklingError, UnpicklingError)


def dumps(obj, protocol=None, *, fix_imports=True, buffer_callback=None):
    """Return the pickled representation of obj as bytes."""
    return _c_dumps(obj)


def loads(data, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=()):
    """Rebuild an object from the bytes dumps() produced."""
    return _c_loads(data)


class Pickler:
    """Write pickles to a binary file (anything with a write method)."""

    def __init__(self, file, protocol=None, *, fix_imports=True, buffer_callback=None):
        self._write = file.write
        self.protocol = DEFAULT_PROTOCOL if protocol is None else protocol

    def dump(self, obj):
        self._write(_c_dumps(obj))


class Unpickler:
    """Read pickles back from a binary file, one per load()."""

    def __init__(self, file, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=()):
        self._read = file.read

    def load(self):
        header = self._read(6)
        size = _pickle._frame_length(header)
        body = self._read(size)
        return _c_loads(header + body)

    def find_class(self, module, name):
        return _find_class(module, name)


def dump(obj, file, protocol=None, *, fix_imports=True, buffer_callback=None):
    """Pickle obj to an open binary file."""
    Pickler(file, protocol).dump(obj)


def load(file, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=()):
    """Read one pickled object from an open binary file."""
    return Unpickler(file).load()
