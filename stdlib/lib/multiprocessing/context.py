"""Start-method contexts.  gilpy always forks, so there is one context;
get_context('fork') returns it and other methods raise ValueError."""

import os

__all__ = ['get_context', 'get_start_method', 'set_start_method', 'get_all_start_methods',
           'ProcessError', 'BufferTooShort', 'TimeoutError', 'AuthenticationError']


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


class BaseContext:
    """The namespace of multiprocessing's factories (every context is 'fork')."""

    ProcessError = ProcessError
    BufferTooShort = BufferTooShort
    TimeoutError = TimeoutError
    AuthenticationError = AuthenticationError
    _name = 'fork'

    @property
    def Process(self):
        from multiprocessing.process import Process
        return Process

    def current_process(self):
        from multiprocessing.process import current_process
        return current_process()

    def parent_process(self):
        from multiprocessing.process import parent_process
        return parent_process()

    def active_children(self):
        from multiprocessing.process import active_children
        return active_children()

    def cpu_count(self):
        """The number of CPUs (NotImplementedError if unknown)."""
        n = os.cpu_count()
        if n is None:
            raise NotImplementedError('cannot determine number of cpus')
        return n

    def Manager(self):
        from multiprocessing.managers import SyncManager
        m = SyncManager()
        m.start()
        return m

    def Pipe(self, duplex=True):
        from multiprocessing.connection import Pipe
        return Pipe(duplex)

    def Lock(self):
        from multiprocessing.synchronize import Lock
        return Lock()

    def RLock(self):
        from multiprocessing.synchronize import RLock
        return RLock()

    def Condition(self, lock=None):
        from multiprocessing.synchronize import Condition
        return Condition(lock)

    def Semaphore(self, value=1):
        from multiprocessing.synchronize import Semaphore
        return Semaphore(value)

    def BoundedSemaphore(self, value=1):
        from multiprocessing.synchronize import BoundedSemaphore
        return BoundedSemaphore(value)

    def Event(self):
        from multiprocessing.synchronize import Event
        return Event()

    def Barrier(self, parties, action=None, timeout=None):
        from multiprocessing.synchronize import Barrier
        return Barrier(parties, action, timeout)

    def Queue(self, maxsize=0):
        from multiprocessing.queues import Queue
        return Queue(maxsize)

    def JoinableQueue(self, maxsize=0):
        from multiprocessing.queues import JoinableQueue
        return JoinableQueue(maxsize)

    def SimpleQueue(self):
        from multiprocessing.queues import SimpleQueue
        return SimpleQueue()

    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        from multiprocessing.pool import Pool
        return Pool(processes, initializer, initargs, maxtasksperchild)

    def RawValue(self, typecode_or_type, *args):
        from multiprocessing.sharedctypes import RawValue
        return RawValue(typecode_or_type, *args)

    def RawArray(self, typecode_or_type, size_or_initializer):
        from multiprocessing.sharedctypes import RawArray
        return RawArray(typecode_or_type, size_or_initializer)

    def Value(self, typecode_or_type, *args, lock=True):
        from multiprocessing.sharedctypes import Value
        return Value(typecode_or_type, *args, lock=lock)

    def Array(self, typecode_or_type, size_or_initializer, *, lock=True):
        from multiprocessing.sharedctypes import Array
        return Array(typecode_or_type, size_or_initializer, lock=lock)

    def freeze_support(self):
        pass

    def get_logger(self):
        raise NotImplementedError("multiprocessing logging is not supported by gilpy")

    def log_to_stderr(self, level=None):
        raise NotImplementedError("multiprocessing logging is not supported by gilpy")

    def allow_connection_pickling(self):
        pass

    def set_executable(self, executable):
        pass

    def set_forkserver_preload(self, module_names):
        pass

    def get_context(self, method=None):
        if method is None or method == 'fork':
            return _default_context
        if method in ('spawn', 'forkserver'):
            raise ValueError('gilpy supports only the fork start method, not %r' % method)
        raise ValueError('cannot find context for %r' % method)

    def get_start_method(self, allow_none=False):
        return 'fork'

    def set_start_method(self, method, force=False):
        if method not in (None, 'fork'):
            raise ValueError('gilpy supports only the fork start method, not %r' % method)

    def get_all_start_methods(self):
        return ['fork']

    @property
    def reducer(self):
        import pickle
        return pickle


class ForkContext(BaseContext):
    _name = 'fork'


_default_context = ForkContext()
get_context = _default_context.get_context
get_start_method = _default_context.get_start_method
set_start_method = _default_context.set_start_method
get_all_start_methods = _default_context.get_all_start_methods
