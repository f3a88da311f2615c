"""Names for built-in types that are not directly accessible as builtins.

Each type is obtained from a sample object, so they are exactly the types
the interpreter uses (types.FunctionType is type(some_function), ...).
"""

import sys


def _f():
    pass


FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = type(_f.__code__)
MappingProxyType = type(type.__dict__)
SimpleNamespace = type(sys.implementation)


def _g():
    yield 1


GeneratorType = type(_g())


class _C:
    def _m(self):
        pass


MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(sys)
NoneType = type(None)
NotImplementedType = type(NotImplemented)
EllipsisType = type(Ellipsis)


def _type_of(sample):
    # Samples a minimal interpreter might not support yield None, not an
    # import failure.
    try:
        return type(sample())
    except Exception:
        return None


WrapperDescriptorType = _type_of(lambda: object.__init__)
MethodWrapperType = _type_of(lambda: object().__str__)
MethodDescriptorType = _type_of(lambda: str.join)
ClassMethodDescriptorType = _type_of(lambda: dict.__dict__['fromkeys'])
GetSetDescriptorType = _type_of(lambda: FunctionType.__code__)


class _Slotted:
    __slots__ = ('member',)


MemberDescriptorType = _type_of(lambda: _Slotted.member)
GenericAlias = _type_of(lambda: list[int])
UnionType = _type_of(lambda: int | str)


def _traceback_types():
    try:
        raise TypeError
    except TypeError as exc:
        tb = exc.__traceback__
        return type(tb), type(getattr(tb, 'tb_frame', None))


TracebackType, FrameType = _traceback_types()

del sys, _f, _g, _C, _Slotted, _type_of, _traceback_types


def new_class(name, bases=(), kwds=None, exec_body=None):
    """Create a class object dynamically using the appropriate metaclass."""
    kwds = dict(kwds) if kwds else {}
    meta = kwds.pop('metaclass', type)
    ns = {}
    if exec_body is not None:
        exec_body(ns)
    return meta(name, resolve_bases(bases), ns, **kwds)


def resolve_bases(bases):
    """Resolve MRO entries dynamically as specified by PEP 560."""
    new_bases = []
    changed = False
    for base in bases:
        if isinstance(base, type) or not hasattr(base, '__mro_entries__'):
            new_bases.append(base)
            continue
        changed = True
        new_bases.extend(base.__mro_entries__(bases))
    return tuple(new_bases) if changed else bases


def coroutine(func):
    """Convert a regular generator function into a coroutine (a no-op here)."""
    if not callable(func):
        raise TypeError('types.coroutine() expects a callable')
    return func


__all__ = [n for n in globals() if n[:1] != '_']
