"""Generic (shallow and deep) copying operations.

    x = copy.copy(y)        # make a shallow copy of y
    x = copy.deepcopy(y)    # make a deep copy of y

Immutable atoms are returned as is; lists, dicts, sets and tuples are
copied directly; classes can take over with __copy__ / __deepcopy__(memo)
or the pickle-style __reduce_ex__ / __reduce__; other instances are copied
through their __dict__ (and __slots__).  deepcopy keeps a memo so shared
and recursive structures are copied once.
"""

import types

__all__ = ['Error', 'copy', 'deepcopy']


class Error(Exception):
    pass


error = Error  # backward compatibility

_atomic = {type(None), type(Ellipsis), type(NotImplemented), int, float, bool,
           bytes, str, types.CodeType, type, range, types.BuiltinFunctionType,
           types.FunctionType, property}
try:
    _atomic.add(complex)
except NameError:  # an interpreter without complex numbers
    pass
try:
    import weakref
    _atomic.add(weakref.ref)
except ImportError:
    pass


# ---- shallow copies ---------------------------------------------------------------------

def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if cls in _atomic or cls is tuple or cls is frozenset or issubclass(cls, type):
        return x
    if cls is list:
        return x[:]
    if cls in (dict, set, bytearray):
        return x.copy()
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    rv = _reduce(x)
    if rv is not None:
        if isinstance(rv, str):
            return x
        return _reconstruct(x, None, *rv)
    return _copy_instance(x)


def _instance_state(x):
    """(__dict__ contents or None, slot values dict or None)."""
    state = getattr(x, '__dict__', None)
    slots = {}
    for klass in type(x).__mro__:
        names = klass.__dict__.get('__slots__', ())
        if isinstance(names, str):
            names = (names,)
        for name in names:
            if name in ('__dict__', '__weakref__'):
                continue
            if name.startswith('__') and not name.endswith('__'):
                name = '_%s%s' % (klass.__name__.lstrip('_'), name)
            if hasattr(x, name):
                slots[name] = getattr(x, name)
    return state, slots


def _copy_instance(x, memo=None):
    """Copy an instance without a reduction: new object, then its state
    (and the items of list/dict/set subclasses)."""
    cls = type(x)
    deep = memo is not None
    getnewargs = getattr(x, '__getnewargs__', None)
    if getnewargs is not None:
        args = getnewargs()
        if deep:
            args = deepcopy(args, memo)
        y = cls.__new__(cls, *args)
    elif (not hasattr(x, '__dict__')
          and not any('__slots__' in k.__dict__ for k in cls.__mro__)
          and not isinstance(x, (list, dict, set))):
        raise Error('un(%scopyable object of type %s' % ('deep' if deep else 'shallow)', cls))
    else:
        y = cls.__new__(cls)
    if deep:
        memo[id(x)] = y
    if isinstance(x, list):
        y.extend(deepcopy(item, memo) for item in x) if deep else y.extend(x)
    elif isinstance(x, dict):
        for key, value in x.items():
            if deep:
                key, value = deepcopy(key, memo), deepcopy(value, memo)
            y[key] = value
    elif isinstance(x, set):
        y.update(deepcopy(item, memo) for item in x) if deep else y.update(x)
    state, slots = _instance_state(x)
    if state:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            y.__dict__.update(state)
    for name, value in slots.items():
        setattr(y, name, deepcopy(value, memo) if deep else value)
    return y


def _reduce(x):
    """A class's own pickle reduction, or None when it has none worth using."""
    cls = type(x)
    for klass in cls.__mro__:
        if klass is object:
            return None
        if '__reduce_ex__' in klass.__dict__:
            return x.__reduce_ex__(4)
        if '__reduce__' in klass.__dict__:
            return x.__reduce__()
    return None


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None,
                 *ignored):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state is not None:
                y.__dict__.update(state)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)
    if listiter is not None:
        if deep:
            for item in listiter:
                y.append(deepcopy(item, memo))
        else:
            for item in listiter:
                y.append(item)
    if dictiter is not None:
        if deep:
            for key, value in dictiter:
                y[deepcopy(key, memo)] = deepcopy(value, memo)
        else:
            for key, value in dictiter:
                y[key] = value
    return y


# ---- deep copies -----------------------------------------------------------------------------

def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic or issubclass(cls, type):
        y = x
    elif cls is list:
        y = []
        memo[d] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is tuple:
        items = [deepcopy(item, memo) for item in x]
        # a recursive tuple may have been copied while copying its items
        if d in memo:
            return memo[d]
        if all(a is b for a, b in zip(items, x)):
            y = x
        else:
            y = tuple(items)
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls in (set, frozenset):
        items = [deepcopy(item, memo) for item in x]
        y = cls(items)
    elif cls is bytearray:
        y = bytearray(x)
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None and not isinstance(x, type):
            y = copier(memo)
        else:
            rv = _reduce(x)
            if isinstance(rv, str):
                y = x
            elif rv is not None:
                y = _reconstruct(x, memo, *rv)
            else:
                y = _copy_instance(x, memo)
    # Keep the original alive while the memo refers to its id.
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]
