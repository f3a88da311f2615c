"""Managers: shared objects living in a server process, used through proxies.

Manager() forks a server process that listens on a Unix socket in a
private temporary directory.  manager.dict(), .list(), .Queue() ... ask
the server to create the object and return a proxy; every proxy method
call is one request/response over the socket:

    request:   (op, ident, name, args, kwargs)
               op: 'create' 'call' 'getvalue' 'release' 'shutdown'
    response:  ('ok', value) or ('error', exception)

Each (process, thread) pair opens its own connection (lazily), and the
server runs one thread per connection, so a blocking call (a queue get,
a lock acquire) only blocks its caller; RLock ownership follows the
calling thread.  Proxies pickle as (class, address, ident), so they can be
passed to Process children and Pool workers, which reconnect.  Objects
live until the manager shuts down (`with Manager() as m:` or at exit).
"""

import os
import queue
import sys
import threading

import _multiprocessing
from multiprocessing import util
from multiprocessing.context import ProcessError
from multiprocessing.connection import Connection
from multiprocessing.process import Process

__all__ = ['BaseManager', 'SyncManager', 'BaseProxy', 'Namespace', 'Token']


class Token:
    """What identifies a shared object: (typeid, address, id)."""

    def __init__(self, typeid, address, id):
        self.typeid = typeid
        self.address = address
        self.id = id

    def __repr__(self):
        return '%s(typeid=%r, address=%r, id=%r)' % (type(self).__name__, self.typeid,
                                                     self.address, self.id)


class RemoteError(Exception):
    """An error in the manager process that could not be sent back as is."""


class Namespace:
    """A plain object whose attributes are shared (manager.Namespace())."""

    def __init__(self, **kwds):
        self.__dict__.update(kwds)

    def __repr__(self):
        items = sorted((k, v) for k, v in self.__dict__.items() if not k.startswith('_'))
        return 'Namespace(%s)' % ', '.join('%s=%r' % kv for kv in items)


class Value:
    """manager.Value(typecode, value): a value with .value (no shared memory)."""

    def __init__(self, typecode, value, lock=True):
        self._typecode = typecode
        self._value = value

    def get(self):
        return self._value

    def set(self, value):
        self._value = value

    def __repr__(self):
        return '%s(%r, %r)' % (type(self).__name__, self._typecode, self._value)


class Array:
    """manager.Array(typecode, sequence): a typed list (array.array's repr)."""

    def __init__(self, typecode, sequence, lock=True):
        self.typecode = typecode
        self._items = [0] * sequence if isinstance(sequence, int) else list(sequence)

    def __len__(self):
        return len(self._items)

    def __getitem__(self, i):
        return self._items[i]

    def __setitem__(self, i, v):
        self._items[i] = v

    def __repr__(self):
        return 'array(%r, %r)' % (self.typecode, self._items)


_view_types = (type({}.keys()), type({}.values()), type({}.items()))


def _plain(result):
    """Results that cannot be pickled as such (views, iterators) become lists."""
    if isinstance(result, _view_types) or (hasattr(result, '__next__') and
                                           hasattr(result, '__iter__')):
        return list(result)
    return result


# ---- the server ------------------------------------------------------------

class Server:
    """The manager process: shared objects by id, one thread per client."""

    def __init__(self, registry, address):
        self.registry = registry
        self.address = address
        self.objects = {}
        self.lock = threading.Lock()
        self.listener = _multiprocessing.socket_listen(address)

    def serve_forever(self, ready_fd):
        os.write(ready_fd, b'R')
        os.close(ready_fd)
        while True:
            fd = _multiprocessing.socket_accept(self.listener)
            threading.Thread(target=self.handle, args=(fd,), daemon=True).start()

    def handle(self, fd):
        conn = Connection(fd)
        while True:
            try:
                op, ident, name, args, kwds = conn.recv()
            except (EOFError, OSError):
                conn.close()
                return
            try:
                result = ('ok', self.perform(op, ident, name, args, kwds))
            except Exception as e:
                result = ('error', e)
            try:
                conn.send(result)
            except Exception as e:
                conn.send(('error', RemoteError('cannot send the result: %r' % (e,))))
            if op == 'shutdown':
                util.flush_std_streams()
                os._exit(0)

    def perform(self, op, ident, name, args, kwds):
        if op == 'call':
            obj = self.objects[ident]
            return _plain(getattr(obj, name)(*args, **kwds))
        if op == 'create':
            obj = self.registry[name](*args, **kwds)
            with self.lock:
                ident = '%x' % id(obj)
                self.objects[ident] = obj
            return ident
        if op == 'getvalue':
            return self.objects[ident]
        if op == 'release':
            with self.lock:
                self.objects.pop(ident, None)
            return None
        if op == 'shutdown':
            return None
        raise ValueError('unknown manager request %r' % (op,))


def _run_server(registry, address, ready_fd, initializer, initargs):
    if initializer is not None:
        initializer(*initargs)
    Server(registry, address).serve_forever(ready_fd)


# ---- the client side ----------------------------------------------------------

_connections = {}     # (address, pid, thread ident) -> Connection


def _connection(address):
    key = (address, os.getpid(), threading.get_ident())
    conn = _connections.get(key)
    if conn is None:
        conn = _connections[key] = Connection(_multiprocessing.socket_connect(address))
    return conn


def _request(address, op, ident=None, name=None, args=(), kwds=None):
    conn = _connection(address)
    conn.send((op, ident, name, tuple(args), dict(kwds or {})))
    kind, value = conn.recv()
    if kind == 'ok':
        return value
    raise value


class BaseProxy:
    """A stand-in for an object in the manager process."""

    def __init__(self, token, serializer='pickle', manager=None, authkey=None, exposed=None,
                 incref=True, manager_owned=False):
        self._token = token
        self._id = token.id
        self._address = token.address

    def _callmethod(self, methodname, args=(), kwds={}):
        """Call the referent's method in the manager; returns its result."""
        return _request(self._address, 'call', self._id, methodname, args, kwds)

    def _getvalue(self):
        """A copy of the referent."""
        return _request(self._address, 'getvalue', self._id)

    def __reduce__(self):
        return RebuildProxy, (type(self), self._token)

    def __deepcopy__(self, memo):
        return self._getvalue()

    def __repr__(self):
        return '<%s object, typeid %r at %#x>' % (type(self).__name__, self._token.typeid, id(self))

    def __str__(self):
        try:
            return self._callmethod('__repr__')
        except Exception:
            return repr(self)[:-1] + "; '__str__()' failed>"


def RebuildProxy(cls, token):
    """Unpickle a proxy: it reconnects to the manager on first use."""
    return cls(token)


def _method(name):
    def method(self, *args, **kwds):
        return self._callmethod(name, args, kwds)
    method.__name__ = name
    return method


def MakeProxyType(name, exposed, _cache={}):
    """A BaseProxy subclass forwarding each name in `exposed`."""
    exposed = tuple(exposed)
    try:
        return _cache[(name, exposed)]
    except KeyError:
        pass
    dic = {meth: _method(meth) for meth in exposed}
    ProxyType = type(name, (BaseProxy,), dic)
    ProxyType._exposed_ = exposed
    _cache[(name, exposed)] = ProxyType
    return ProxyType


class IteratorProxy(BaseProxy):
    def __iter__(self):
        return self

    def __next__(self, *args):
        return self._callmethod('__next__', args)


class AcquirerProxy(BaseProxy):
    """Proxy of a Lock, RLock or Semaphore in the manager."""
    _exposed_ = ('acquire', 'release')

    def acquire(self, blocking=True, timeout=None):
        args = (blocking,) if timeout is None else (blocking, timeout)
        return self._callmethod('acquire', args)

    def release(self):
        return self._callmethod('release')

    def __enter__(self):
        return self._callmethod('acquire')

    def __exit__(self, exc_type, exc_val, exc_tb):
        return self._callmethod('release')


class ConditionProxy(AcquirerProxy):
    _exposed_ = ('acquire', 'release', 'wait', 'notify', 'notify_all')

    def wait(self, timeout=None):
        return self._callmethod('wait', (timeout,))

    def notify(self, n=1):
        return self._callmethod('notify', (n,))

    def notify_all(self):
        return self._callmethod('notify_all')

    def wait_for(self, predicate, timeout=None):
        import time
        result = predicate()
        if result:
            return result
        endtime = None if timeout is None else time.monotonic() + timeout
        waittime = None
        while not result:
            if endtime is not None:
                waittime = endtime - time.monotonic()
                if waittime <= 0:
                    break
            self.wait(waittime)
            result = predicate()
        return result


class EventProxy(BaseProxy):
    _exposed_ = ('is_set', 'set', 'clear', 'wait')

    def is_set(self):
        return self._callmethod('is_set')

    def set(self):
        return self._callmethod('set')

    def clear(self):
        return self._callmethod('clear')

    def wait(self, timeout=None):
        return self._callmethod('wait', (timeout,))


class BarrierProxy(BaseProxy):
    _exposed_ = ('__getattribute__', 'wait', 'abort', 'reset')

    def wait(self, timeout=None):
        return self._callmethod('wait', (timeout,))

    def abort(self):
        return self._callmethod('abort')

    def reset(self):
        return self._callmethod('reset')

    @property
    def parties(self):
        return self._callmethod('__getattribute__', ('parties',))

    @property
    def n_waiting(self):
        return self._callmethod('__getattribute__', ('n_waiting',))

    @property
    def broken(self):
        return self._callmethod('__getattribute__', ('broken',))


class NamespaceProxy(BaseProxy):
    """Attribute reads and writes go to the Namespace in the manager."""
    _exposed_ = ('__getattribute__', '__setattr__', '__delattr__')

    def __getattr__(self, key):
        if key[0] == '_':
            return object.__getattribute__(self, key)
        return object.__getattribute__(self, '_callmethod')('__getattribute__', (key,))

    def __setattr__(self, key, value):
        if key[0] == '_':
            return object.__setattr__(self, key, value)
        return object.__getattribute__(self, '_callmethod')('__setattr__', (key, value))

    def __delattr__(self, key):
        if key[0] == '_':
            return object.__delattr__(self, key)
        return object.__getattribute__(self, '_callmethod')('__delattr__', (key,))


class ValueProxy(BaseProxy):
    _exposed_ = ('get', 'set')

    def get(self):
        return self._callmethod('get')

    def set(self, value):
        return self._callmethod('set', (value,))

    value = property(get, set)


_BaseListProxy = MakeProxyType('BaseListProxy', (
    '__add__', '__contains__', '__delitem__', '__getitem__', '__len__', '__mul__',
    '__reversed__', '__rmul__', '__setitem__', 'append', 'count', 'extend', 'index', 'insert',
    'pop', 'remove', 'reverse', 'sort', '__imul__', 'copy', 'clear'))


class ListProxy(_BaseListProxy):
    """Proxy of a list in the manager."""

    def __iadd__(self, value):
        self._callmethod('extend', (value,))
        return self

    def __imul__(self, value):
        self._callmethod('__imul__', (value,))
        return self

    def __iter__(self):
        return iter(self._callmethod('__getitem__', (slice(None),)))


_BaseDictProxy = MakeProxyType('DictProxy', (
    '__contains__', '__delitem__', '__getitem__', '__len__', '__setitem__', 'clear', 'copy',
    'get', 'items', 'keys', 'pop', 'popitem', 'setdefault', 'update', 'values'))


class DictProxy(_BaseDictProxy):
    """Proxy of a dict in the manager."""

    def __iter__(self):
        return iter(self._callmethod('keys'))


ArrayProxy = MakeProxyType('ArrayProxy', ('__len__', '__getitem__', '__setitem__'))
QueueProxy = MakeProxyType('QueueProxy', ('put', 'get', 'put_nowait', 'get_nowait', 'qsize',
                                          'empty', 'full', 'task_done', 'join'))


class BaseManager:
    """Starts a server process and creates shared objects in it."""

    _registry = {}

    def __init__(self, address=None, authkey=None, serializer='pickle', ctx=None, *,
                 shutdown_timeout=1.0):
        self._address = address
        self._process = None
        self._state = 'initial'
        self._shutdown_timeout = shutdown_timeout

    @classmethod
    def register(cls, typeid, callable=None, proxytype=None, exposed=None,
                 method_to_typeid=None, create_method=True):
        """Make typeid creatable: manager.typeid(*args) returns a proxy."""
        if '_registry' not in cls.__dict__:
            cls._registry = dict(cls._registry)
        if proxytype is None:
            if exposed is None and callable is not None and isinstance(callable, type):
                exposed = [n for n in dir(callable)
                           if not n.startswith('_') and hasattr(getattr(callable, n), '__call__')]
            proxytype = MakeProxyType('%sProxy' % typeid, exposed or ())
        cls._registry[typeid] = (callable, proxytype)
        if create_method:
            def create(self, *args, **kwds):
                return self._create_proxy(typeid, args, kwds)
            create.__name__ = typeid
            setattr(cls, typeid, create)

    def start(self, initializer=None, initargs=()):
        """Fork the server process and wait until it listens."""
        if self._state != 'initial':
            if self._state == 'started':
                raise ProcessError("Already started server")
            raise ProcessError("Manager has shut down")
        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')
        if self._address is None:
            self._address = os.path.join(util.get_temp_dir(), 'manager-%x' % id(self))
        registry = {typeid: c for typeid, (c, _) in self._registry.items()}
        r, w = os.pipe()
        self._process = Process(target=_run_server,
                                args=(registry, self._address, w, initializer, initargs))
        ident = ':'.join(str(i) for i in self._process._identity)
        self._process.name = type(self).__name__ + '-' + ident
        self._process.start()
        os.close(w)
        ok = os.read(r, 1)
        os.close(r)
        if ok != b'R':
            raise ProcessError('the manager process failed to start')
        self._state = 'started'
        self._finalizer = util.register_finalizer(self.shutdown, priority=0)

    def _create_proxy(self, typeid, args, kwds):
        if self._state != 'started':
            raise ProcessError("Manager has not been started" if self._state == 'initial'
                               else "Manager has shut down")
        ident = _request(self._address, 'create', None, typeid, args, kwds)
        proxytype = self._registry[typeid][1]
        return proxytype(Token(typeid, self._address, ident))

    def shutdown(self):
        """Stop the server process (its objects disappear)."""
        if self._state != 'started':
            return
        self._state = 'shutdown'
        util.unregister_finalizer(self._finalizer)
        try:
            _request(self._address, 'shutdown')
        except (OSError, EOFError):
            pass
        self._process.join(timeout=self._shutdown_timeout)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        for key in [k for k in _connections if k[0] == self._address]:
            _connections.pop(key).close()
        try:
            os.remove(self._address)
        except OSError:
            pass

    @property
    def address(self):
        return self._address

    def join(self, timeout=None):
        if self._process is not None:
            self._process.join(timeout)

    def __enter__(self):
        if self._state == 'initial':
            self.start()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown()


class SyncManager(BaseManager):
    """The manager Manager() returns: dict, list, Queue, locks, Value ..."""

    _registry = {}


SyncManager.register('Queue', queue.Queue, QueueProxy)
SyncManager.register('JoinableQueue', queue.Queue, QueueProxy)
SyncManager.register('Event', threading.Event, EventProxy)
SyncManager.register('Lock', threading.Lock, AcquirerProxy)
SyncManager.register('RLock', threading.RLock, AcquirerProxy)
SyncManager.register('Semaphore', threading.Semaphore, AcquirerProxy)
SyncManager.register('BoundedSemaphore', threading.BoundedSemaphore, AcquirerProxy)
SyncManager.register('Condition', threading.Condition, ConditionProxy)
SyncManager.register('Barrier', threading.Barrier, BarrierProxy)
SyncManager.register('list', list, ListProxy)
SyncManager.register('dict', dict, DictProxy)
SyncManager.register('Value', Value, ValueProxy)
SyncManager.register('Array', Array, ArrayProxy)
SyncManager.register('Namespace', Namespace, NamespaceProxy)
