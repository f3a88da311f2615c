"""Weak references and the containers built on them.

ref(obj, callback) does not keep obj alive; calling it returns obj, or None
once obj has been freed, and then callback(ref) has been called.
WeakValueDictionary drops an entry when its value dies; WeakKeyDictionary
when its key dies; WeakSet when a member dies.
"""

from _weakref import ref, getweakrefcount, getweakrefs, ReferenceType

__all__ = ['ref', 'getweakrefcount', 'getweakrefs', 'ReferenceType', 'WeakValueDictionary',
           'WeakKeyDictionary', 'WeakSet', 'finalize', 'WeakMethod']


class WeakMethod(ref):
    """A weak reference to a bound method that does not keep self alive."""

    def __new__(cls, meth, callback=None):
        obj = meth.__self__
        func = meth.__func__
        self = ref.__new__(cls, obj, callback)
        self._func_ref = ref(func)
        self._meth_type = type(meth)
        return self

    def __call__(self):
        obj = ref.__call__(self)
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return self._meth_type(func, obj)


class WeakValueDictionary:
    """A mapping whose values are held weakly."""

    def __init__(self, other=(), **kw):
        self.data = {}
        self.update(other, **kw)

    def _make_ref(self, key, value):
        data = self.data

        def remove(wr, key=key):
            if data.get(key) is wr:
                del data[key]
        return ref(value, remove)

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self.data[key] = self._make_ref(key, value)

    def __delitem__(self, key):
        del self.data[key]

    def __contains__(self, key):
        wr = self.data.get(key)
        return wr is not None and wr() is not None

    def __len__(self):
        return sum(1 for wr in list(self.data.values()) if wr() is not None)

    def __iter__(self):
        for key, wr in list(self.data.items()):
            if wr() is not None:
                yield key

    def __repr__(self):
        return "<%s at %#x>" % (type(self).__name__, id(self))

    def get(self, key, default=None):
        wr = self.data.get(key)
        if wr is None:
            return default
        o = wr()
        return default if o is None else o

    def pop(self, key, *default):
        try:
            o = self.data.pop(key)()
        except KeyError:
            if default:
                return default[0]
            raise
        if o is None:
            if default:
                return default[0]
            raise KeyError(key)
        return o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def update(self, other=(), **kw):
        if hasattr(other, 'items'):
            other = other.items()
        for k, v in other:
            self[k] = v
        for k, v in kw.items():
            self[k] = v

    def keys(self):
        return list(iter(self))

    def values(self):
        return [o for o in (wr() for wr in list(self.data.values())) if o is not None]

    def items(self):
        out = []
        for k, wr in list(self.data.items()):
            o = wr()
            if o is not None:
                out.append((k, o))
        return out

    def copy(self):
        return WeakValueDictionary(self.items())

    def valuerefs(self):
        return list(self.data.values())


class WeakKeyDictionary:
    """A mapping whose keys are held weakly."""

    def __init__(self, other=()):
        self.data = {}
        data = self.data

        def remove(k):
            data.pop(k, None)
        self._remove = remove
        if hasattr(other, 'items'):
            other = other.items()
        for k, v in other:
            self[k] = v

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def pop(self, key, *default):
        return self.data.pop(ref(key), *default)

    def keys(self):
        return list(iter(self))

    def items(self):
        return [(wr(), v) for wr, v in list(self.data.items()) if wr() is not None]

    def values(self):
        return [v for wr, v in list(self.data.items()) if wr() is not None]


class WeakSet:
    """A set whose members are held weakly."""

    def __init__(self, data=None):
        self.data = set()
        members = self.data

        def remove(wr):
            members.discard(wr)
        self._remove = remove
        if data is not None:
            for item in data:
                self.add(item)

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def __len__(self):
        return len(self.data)


class finalize:
    """Call func(*args, **kwargs) when obj is garbage collected (once)."""

    _registry = {}

    def __init__(self, obj, func, *args, **kwargs):
        self._key = object()
        info = (func, args, kwargs)
        finalize._registry[self._key] = info
        key = self._key

        def callback(wr):
            entry = finalize._registry.pop(key, None)
            if entry is not None:
                f, a, kw = entry
                f(*a, **kw)
        self._ref = ref(obj, callback)

    def __call__(self, _=None):
        entry = finalize._registry.pop(self._key, None)
        if entry is not None:
            f, a, kw = entry
            return f(*a, **kw)

    def detach(self):
        entry = finalize._registry.pop(self._key, None)
        o = self._ref()
        if entry is not None and o is not None:
            return (o,) + entry
        return None

    @property
    def alive(self):
        return self._key in finalize._registry


def proxy(obj, callback=None):
    raise NotImplementedError("weakref.proxy is not supported by gilpy; use weakref.ref")
