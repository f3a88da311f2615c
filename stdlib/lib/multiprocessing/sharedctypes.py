"""Value and Array in memory shared with forked children.

The storage is a _multiprocessing.SharedArray (an anonymous MAP_SHARED
mapping) of one of the ctypes typecodes 'c' (a one-byte bytes), 'b' 'B'
'h' 'H' 'i' 'I' 'l' 'L' 'q' 'Q' (integers, which wrap like C's) and 'f' 'd'
(floats).  RawValue/RawArray have no lock; Value/Array (lock=True, the
default) wrap them with an RLock reachable through get_lock().  Note that
`v.value += 1` is a read then a write: take the lock around it.
"""

import _multiprocessing
from multiprocessing import synchronize

__all__ = ['RawValue', 'RawArray', 'Value', 'Array', 'copy', 'synchronized']

_ctype_names = {
    'c': 'c_char', 'b': 'c_byte', 'B': 'c_ubyte', 'h': 'c_short', 'H': 'c_ushort',
    'i': 'c_int', 'I': 'c_uint', 'l': 'c_long', 'L': 'c_ulong', 'q': 'c_longlong',
    'Q': 'c_ulonglong', 'f': 'c_float', 'd': 'c_double',
}
_by_ctype_name = {v: k for k, v in _ctype_names.items()}
_by_ctype_name.update({'c_int32': 'i', 'c_int64': 'q', 'c_uint32': 'I', 'c_uint64': 'Q',
                       'c_bool': 'B', 'c_int8': 'b', 'c_uint8': 'B', 'c_int16': 'h'})


def _typecode(typecode_or_type):
    if isinstance(typecode_or_type, str):
        code = _by_ctype_name.get(typecode_or_type, typecode_or_type)
    else:
        code = _by_ctype_name.get(getattr(typecode_or_type, '__name__', None))
    if code not in _ctype_names:
        raise TypeError("bad typecode (must be one of %s), not %r"
                        % ("'" + "', '".join(_ctype_names) + "'", typecode_or_type))
    return code


def _default(code):
    return b'\x00' if code == 'c' else 0.0 if code in 'fd' else 0


def _value_repr(code, value):
    return '%s(%r)' % (_ctype_names[code], value)


class RawValue:
    """One shared item with a .value attribute (no lock)."""

    def __init__(self, typecode_or_type, *args):
        code = _typecode(typecode_or_type)
        self._mem = _multiprocessing.SharedArray(code, 1)
        self._type_ = code
        self._get = self._mem.get0
        self._set = self._mem.set0
        if args:
            self._set(args[0])

    @property
    def value(self):
        return self._get()

    @value.setter
    def value(self, v):
        self._set(v)

    def __repr__(self):
        return _value_repr(self._type_, self._get())

    def __reduce__(self):
        raise RuntimeError('%s objects should only be shared between processes through '
                           'inheritance' % type(self).__name__)


class RawArray:
    """A fixed-size shared array of one typecode (no lock)."""

    def __init__(self, typecode_or_type, size_or_initializer):
        code = _typecode(typecode_or_type)
        if isinstance(size_or_initializer, int):
            init = None
            size = size_or_initializer
        else:
            init = list(size_or_initializer)
            size = len(init)
        self._mem = _multiprocessing.SharedArray(code, size)
        self._type_ = code
        if init:
            if code == 'c' and isinstance(size_or_initializer, (bytes, bytearray)):
                init = [bytes([b]) for b in init]
            self._mem[0:size] = init

    def __len__(self):
        return len(self._mem)

    def __getitem__(self, i):
        return self._mem[i]

    def __setitem__(self, i, v):
        self._mem[i] = v

    def __iter__(self):
        mem = self._mem
        for i in range(len(mem)):
            yield mem[i]

    @property
    def value(self):
        """For 'c' arrays: the bytes up to the first NUL."""
        data = self._mem.tobytes()
        if self._type_ != 'c':
            raise AttributeError("'%s' object has no attribute 'value'" % type(self).__name__)
        n = data.find(b'\x00')
        return data if n < 0 else data[:n]

    @value.setter
    def value(self, v):
        if self._type_ != 'c':
            raise AttributeError("'%s' object has no attribute 'value'" % type(self).__name__)
        if len(v) > len(self._mem):
            raise ValueError("byte string too long")
        data = bytes(v) + b'\x00' * (len(self._mem) - len(v))
        self._mem[0:len(self._mem)] = data

    @property
    def raw(self):
        if self._type_ != 'c':
            raise AttributeError("'%s' object has no attribute 'raw'" % type(self).__name__)
        return self._mem.tobytes()

    def __repr__(self):
        return '<%s array of %d>' % (_ctype_names[self._type_], len(self._mem))

    def __reduce__(self):
        raise RuntimeError('%s objects should only be shared between processes through '
                           'inheritance' % type(self).__name__)


class SynchronizedBase:
    """A shared object plus the lock that guards it."""

    def __init__(self, obj, lock=None):
        self._obj = obj
        if lock:
            self._lock = lock
        else:
            self._lock = synchronize.RLock()
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __reduce__(self):
        raise RuntimeError('Synchronized objects should only be shared between processes '
                           'through inheritance')

    def get_obj(self):
        return self._obj

    def get_lock(self):
        return self._lock

    def __repr__(self):
        return '<%s wrapper for %s>' % (type(self).__name__, self._obj)


class Synchronized(SynchronizedBase):
    """Value(...): .value is read and written under the lock."""

    @property
    def value(self):
        with self._lock:
            return self._obj._get()

    @value.setter
    def value(self, v):
        with self._lock:
            self._obj._set(v)


class SynchronizedArray(SynchronizedBase):
    """Array(...): indexing and slicing under the lock."""

    def __len__(self):
        return len(self._obj)

    def __getitem__(self, i):
        with self._lock:
            return self._obj[i]

    def __setitem__(self, i, v):
        with self._lock:
            self._obj[i] = v

    def __getslice__(self, start, stop):
        with self._lock:
            return self._obj[start:stop]

    def __iter__(self):
        for i in range(len(self._obj)):
            yield self[i]


class SynchronizedString(SynchronizedArray):
    """Array('c', ...): adds .value and .raw."""

    @property
    def value(self):
        with self._lock:
            return self._obj.value

    @value.setter
    def value(self, v):
        with self._lock:
            self._obj.value = v

    @property
    def raw(self):
        with self._lock:
            return self._obj.raw


def synchronized(obj, lock=None):
    """Wrap a RawValue/RawArray with a lock."""
    if isinstance(obj, RawArray):
        if obj._type_ == 'c':
            return SynchronizedString(obj, lock)
        return SynchronizedArray(obj, lock)
    return Synchronized(obj, lock)


def _check_lock(lock):
    if lock not in (True, False, None) and not hasattr(lock, 'acquire'):
        raise AttributeError("%r has no method 'acquire'" % lock)


def Value(typecode_or_type, *args, lock=True):
    """A shared value; with lock=True (default) wrapped with an RLock."""
    obj = RawValue(typecode_or_type, *args)
    if lock is False:
        return obj
    _check_lock(lock)
    return synchronized(obj, None if lock in (True, None) else lock)


def Array(typecode_or_type, size_or_initializer, *, lock=True):
    """A shared array; with lock=True (default) wrapped with an RLock."""
    obj = RawArray(typecode_or_type, size_or_initializer)
    if lock is False:
        return obj
    _check_lock(lock)
    return synchronized(obj, None if lock in (True, None) else lock)


def copy(obj):
    """A new shared object with the same contents."""
    if isinstance(obj, RawArray):
        return RawArray(obj._type_, list(obj))
    return RawValue(obj._type_, obj.value)
