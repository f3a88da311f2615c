"""Pools of worker processes (Pool) or threads (ThreadPool).

Pool(processes) forks `processes` workers that share one task pipe (each
reads a task under a process-shared lock) and one result pipe (each writes
under another).  In the parent three daemon threads do the bookkeeping:

  task handler    takes batches of tasks from a local queue and writes
                  them, pickled, to the task pipe (so apply_async never
                  blocks on a full pipe);
  result handler  reads (job, index, (ok, value)) results and completes
                  the matching AsyncResult, running its callbacks;
  worker handler  replaces workers that exited (maxtasksperchild) and,
                  once the pool is closed and idle, tells workers to stop.

A task is (job, index, payload) where the payload is the pickled
(func, args, kwargs); a worker that cannot unpickle it (a function missing
in the child) reports the error for that task instead of dying.  map()
cuts its iterable into chunks (CPython's chunksize rule) to save messages.
ThreadPool runs the same logic with threads and queue.SimpleQueue.
"""

import collections
import itertools
import os
import queue
import threading
import time

import _multiprocessing
from _multiprocessing import send_msg as _send_msg, recv_msg as _recv_msg
from pickle import dumps as _dumps, loads as _loads

from multiprocessing import util
from multiprocessing.context import TimeoutError
from multiprocessing.process import Process
from multiprocessing.synchronize import Lock

__all__ = ['Pool', 'ThreadPool', 'AsyncResult', 'MapResult', 'IMapIterator',
           'IMapUnorderedIterator', 'MaybeEncodingError']

RUN, CLOSE, TERMINATE = 0, 1, 2
_job_counter = itertools.count()


class MaybeEncodingError(Exception):
    """A result (or exception) of a worker could not be pickled."""

    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        super().__init__(self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self)


def mapstar(args):
    return list(map(*args))


def starmapstar(args):
    return list(itertools.starmap(args[0], args[1]))


class _RemoteTraceback(Exception):
    pass


def _run_task(payload):
    """Unpickle and run one task: (True, value) or (False, exception)."""
    try:
        func, args, kwds = _loads(payload) if isinstance(payload, bytes) else payload
        return True, func(*args, **kwds)
    except Exception as e:
        return False, e


def _worker(inq, rlock, outq, wlock, initializer, initargs, maxtasks):
    """A pool process: run tasks until a None task, EOF or maxtasks."""
    if initializer is not None:
        initializer(*initargs)
    completed = 0
    while maxtasks is None or completed < maxtasks:
        try:
            with rlock:
                data = _recv_msg(inq)
        except (EOFError, OSError):
            break
        task = _loads(data)
        if task is None:
            break
        job, i, payload = task
        result = _run_task(payload)
        try:
            data = _dumps((job, i, result))
        except Exception as e:
            data = _dumps((job, i, (False, MaybeEncodingError(e, result[1]))))
        with wlock:
            _send_msg(outq, data)
        completed += 1


class _Worker(Process):
    """A pool process (daemonic: it never outlives the program)."""

    def __init__(self, pool_name, index, args):
        Process.__init__(self, target=_worker, args=args, daemon=True)
        self.name = self.name.replace('Process', pool_name + 'Worker')


class Pool:
    """A pool of worker processes running tasks submitted by apply/map."""

    _wrap_exception = True

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        if processes is None:
            processes = os.cpu_count() or 1
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if maxtasksperchild is not None:
            if not isinstance(maxtasksperchild, int) or maxtasksperchild <= 0:
                raise ValueError("maxtasksperchild must be a positive int or None")
        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')
        self._processes = processes
        self._initializer = initializer
        self._initargs = initargs
        self._maxtasksperchild = maxtasksperchild
        self._state = RUN
        self._cache = {}
        self._cache_lock = threading.Lock()
        self._change = threading.Event()
        self._taskqueue = queue.SimpleQueue()
        self._pool = []
        self._setup_queues()
        for _ in range(processes):
            self._start_worker()
        self._task_handler = threading.Thread(target=self._handle_tasks, daemon=True,
                                              name='PoolTaskHandler')
        self._result_handler = threading.Thread(target=self._handle_results, daemon=True,
                                                name='PoolResultHandler')
        self._worker_handler = threading.Thread(target=self._handle_workers, daemon=True,
                                                name='PoolWorkerHandler')
        self._task_handler.start()
        self._result_handler.start()
        self._worker_handler.start()
        self._finalizer = util.register_finalizer(self._finalize, priority=15)

    # ---- transport (ThreadPool overrides these) ----
    def _setup_queues(self):
        self._inq_r, self._inq_w = os.pipe()
        self._outq_r, self._outq_w = os.pipe()
        self._rlock = Lock()
        self._wlock = Lock()

    def _start_worker(self):
        w = _Worker(type(self).__name__, len(self._pool),
                    (self._inq_r, self._rlock, self._outq_w, self._wlock,
                     self._initializer, self._initargs, self._maxtasksperchild))
        w.start()
        self._pool.append(w)

    def _send_task(self, task):
        _send_msg(self._inq_w, _dumps(task))

    def _pack(self, func, args, kwds):
        return _dumps((func, args, kwds))

    def _recv_result(self):
        return _loads(_recv_msg(self._outq_r))

    def _wake_result_handler(self):
        _send_msg(self._outq_w, _dumps(None))

    def _reap_workers(self):
        """Forget exited workers; True if any was removed."""
        cleaned = False
        for w in list(self._pool):
            if w.exitcode is not None:
                w.join()
                self._pool.remove(w)
                cleaned = True
        return cleaned

    def _stop_workers(self):
        for w in self._pool:
            w.terminate()
        for w in self._pool:
            w.join()

    # ---- handler threads ----
    def _handle_tasks(self):
        """Write each task batch to the workers; None stops the thread."""
        while True:
            batch = self._taskqueue.get()
            if batch is None:
                return
            tasks, set_length = batch
            n = -1
            try:
                for n, (job, i, func, args, kwds) in enumerate(tasks):
                    if self._state == TERMINATE:
                        break
                    try:
                        self._send_task((job, i, self._pack(func, args, kwds)))
                    except Exception as e:
                        result = self._cache.get(job)
                        if result is not None:
                            result._set(i, (False, e))
                else:
                    if set_length:
                        set_length(n + 1)
            except Exception as e:
                # The task iterable itself failed (imap over a generator).
                job = getattr(tasks, 'job', None)
                result = self._cache.get(job)
                if result is not None:
                    result._set(n + 1, (False, e))
                if set_length:
                    set_length(n + 1)

    def _handle_results(self):
        """Complete jobs from worker results; None stops the thread."""
        while True:
            try:
                item = self._recv_result()
            except (EOFError, OSError):
                return
            if item is None:
                return
            job, i, result = item
            entry = self._cache.get(job)
            if entry is not None:
                entry._set(i, result)

    def _handle_workers(self):
        """Keep the pool full while it runs; stop the workers once idle."""
        while self._state == RUN or (self._cache and self._state != TERMINATE):
            if self._reap_workers() and self._state != TERMINATE:
                while len(self._pool) < self._processes:
                    self._start_worker()
            self._change.wait(0.1)
            self._change.clear()
        self._taskqueue.put(None)
        if self._state != TERMINATE:
            for _ in self._pool:
                try:
                    self._send_task(None)
                except OSError:
                    pass

    def _job_done(self, job):
        with self._cache_lock:
            self._cache.pop(job, None)
            if not self._cache:
                self._change.set()

    # ---- public API ----
    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    def apply(self, func, args=(), kwds={}):
        """func(*args, **kwds) in a worker; waits for the result."""
        return self.apply_async(func, args, kwds).get()

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        """Run func(*args, **kwds) in a worker; returns an AsyncResult."""
        self._check_running()
        result = ApplyResult(self, callback, error_callback)
        self._taskqueue.put(([(result._job, 0, func, tuple(args), dict(kwds))], None))
        return result

    def map(self, func, iterable, chunksize=None):
        """list(map(func, iterable)) computed by the workers, in order."""
        return self._map_async(func, iterable, mapstar, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        """Like map() with func(*args) for each args tuple."""
        return self._map_async(func, iterable, starmapstar, chunksize).get()

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, mapstar, chunksize, callback, error_callback)

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, starmapstar, chunksize, callback, error_callback)

    def _map_async(self, func, iterable, mapper, chunksize=None, callback=None,
                   error_callback=None):
        self._check_running()
        if not hasattr(iterable, '__len__'):
            iterable = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(iterable), len(self._pool) * 4 or 1)
            if extra:
                chunksize += 1
        if len(iterable) == 0:
            chunksize = 0
        chunks = _chunks(func, iterable, chunksize)
        result = MapResult(self, chunksize, len(iterable), callback, error_callback)
        self._taskqueue.put(([(result._job, i, mapper, (x,), {}) for i, x in enumerate(chunks)],
                             None))
        return result

    def imap(self, func, iterable, chunksize=1):
        """An iterator over func's results, in order, as they arrive."""
        return self._imap(IMapIterator, func, iterable, chunksize)

    def imap_unordered(self, func, iterable, chunksize=1):
        """An iterator over func's results in completion order."""
        return self._imap(IMapUnorderedIterator, func, iterable, chunksize)

    def _imap(self, cls, func, iterable, chunksize):
        self._check_running()
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        result = cls(self, chunksize > 1)
        if chunksize == 1:
            tasks = ((result._job, i, func, (x,), {}) for i, x in enumerate(iterable))
        else:
            tasks = ((result._job, i, mapstar, (x,), {})
                     for i, x in enumerate(_chunks(func, iterable, chunksize)))
        self._taskqueue.put((_TaskIter(tasks, result._job), result._set_length))
        return result

    def close(self):
        """No more tasks; the workers exit once the pending ones are done."""
        if self._state == RUN:
            self._state = CLOSE
            self._change.set()

    def terminate(self):
        """Stop the workers at once; pending tasks are abandoned."""
        if self._state == TERMINATE and not self._pool:
            return
        self._state = TERMINATE
        self._change.set()
        self._worker_handler.join()
        self._stop_workers()
        self._task_handler.join()
        self._wake_result_handler()
        self._result_handler.join()
        self._pool = []
        util.unregister_finalizer(self._finalizer)

    def join(self):
        """Wait for the workers to exit (after close() or terminate())."""
        if self._state == RUN:
            raise ValueError("Pool is still running")
        if self._state not in (CLOSE, TERMINATE):
            raise ValueError("In unknown state")
        self._worker_handler.join()
        self._task_handler.join()
        for w in list(self._pool):
            w.join()
        self._wake_result_handler()
        self._result_handler.join()
        util.unregister_finalizer(self._finalizer)

    def _finalize(self):
        if self._state != TERMINATE or self._pool:
            self.terminate()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.terminate()

    def __reduce__(self):
        raise NotImplementedError('pool objects cannot be passed between processes or pickled')

    def __repr__(self):
        state = ('RUN', 'CLOSE', 'TERMINATE')[self._state]
        return '<%s.%s state=%s pool_size=%d>' % (type(self).__module__, type(self).__qualname__,
                                                  state, len(self._pool))


class _TaskIter:
    """A task generator that remembers its job (to report its own failure)."""

    def __init__(self, tasks, job):
        self._tasks = tasks
        self.job = job

    def __iter__(self):
        return iter(self._tasks)


def _chunks(func, iterable, size):
    it = iter(iterable)
    while True:
        x = tuple(itertools.islice(it, size))
        if not x:
            return
        yield (func, x)


class ApplyResult:
    """The result of apply_async: get(timeout), wait, ready, successful."""

    def __init__(self, pool, callback, error_callback):
        self._pool = pool
        self._event = threading.Event()
        self._job = next(_job_counter)
        self._callback = callback
        self._error_callback = error_callback
        self._success = None
        self._value = None
        with pool._cache_lock:
            pool._cache[self._job] = self

    def ready(self):
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError("{0!r} not ready".format(self))
        return self._success

    def wait(self, timeout=None):
        self._event.wait(timeout)

    def get(self, timeout=None):
        """The result; re-raises the worker's exception; TimeoutError if late."""
        self.wait(timeout)
        if not self.ready():
            raise TimeoutError
        if self._success:
            return self._value
        raise self._value

    def _set(self, i, obj):
        self._success, self._value = obj
        if self._callback and self._success:
            self._callback(self._value)
        if self._error_callback and not self._success:
            self._error_callback(self._value)
        self._event.set()
        self._pool._job_done(self._job)

    def __class_getitem__(cls, item):
        return cls


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    """The result of map_async: a list filled chunk by chunk."""

    def __init__(self, pool, chunksize, length, callback, error_callback):
        ApplyResult.__init__(self, pool, callback, error_callback)
        self._success = True
        self._value = [None] * length
        self._chunksize = chunksize
        if chunksize <= 0:
            self._number_left = 0
            self._event.set()
            pool._job_done(self._job)
        else:
            self._number_left = length // chunksize + bool(length % chunksize)

    def _set(self, i, success_result):
        self._number_left -= 1
        success, result = success_result
        if success and self._success:
            self._value[i * self._chunksize:(i + 1) * self._chunksize] = result
            if self._number_left == 0:
                if self._callback:
                    self._callback(self._value)
                self._event.set()
                self._pool._job_done(self._job)
        else:
            if not success and self._success:
                self._success = False
                self._value = result
            if self._number_left == 0:
                if self._error_callback:
                    self._error_callback(self._value)
                self._event.set()
                self._pool._job_done(self._job)


class IMapIterator:
    """Results of imap, in submission order; next(timeout)."""

    def __init__(self, pool, chunked=False):
        self._pool = pool
        self._cond = threading.Condition(threading.Lock())
        self._job = next(_job_counter)
        self._items = collections.deque()
        self._index = 0
        self._length = None
        self._unsorted = {}
        self._chunked = chunked
        with pool._cache_lock:
            pool._cache[self._job] = self

    def __iter__(self):
        return self

    def next(self, timeout=None):
        with self._cond:
            while True:
                if self._items:
                    success, value = self._items.popleft()
                    break
                if self._index == self._length:
                    raise StopIteration from None
                if not self._cond.wait(timeout) and not self._items:
                    if self._index == self._length:
                        raise StopIteration from None
                    raise TimeoutError from None
        if success:
            return value
        raise value

    __next__ = next

    def _push(self, obj):
        success, value = obj
        if self._chunked and success:
            for v in value:
                self._items.append((True, v))
        else:
            self._items.append(obj)

    def _set(self, i, obj):
        with self._cond:
            if self._index == i:
                self._push(obj)
                self._index += 1
                while self._index in self._unsorted:
                    self._push(self._unsorted.pop(self._index))
                    self._index += 1
                self._cond.notify()
            else:
                self._unsorted[i] = obj
            if self._index == self._length:
                self._pool._job_done(self._job)

    def _set_length(self, length):
        with self._cond:
            self._length = length
            if self._index == self._length:
                self._cond.notify()
                self._pool._job_done(self._job)


class IMapUnorderedIterator(IMapIterator):
    """Results of imap_unordered, as they complete."""

    def _set(self, i, obj):
        with self._cond:
            self._push(obj)
            self._index += 1
            self._cond.notify()
            if self._index == self._length:
                self._pool._job_done(self._job)


class ThreadPool(Pool):
    """The Pool API with worker threads instead of processes (no pickling)."""

    _wrap_exception = False

    def __init__(self, processes=None, initializer=None, initargs=()):
        Pool.__init__(self, processes, initializer, initargs)

    def _setup_queues(self):
        self._inqueue = queue.SimpleQueue()
        self._outqueue = queue.SimpleQueue()

    def _start_worker(self):
        w = threading.Thread(target=self._thread_worker, daemon=True,
                             name='Thread-%d' % (len(self._pool) + 1))
        w.exitcode = None
        w.start()
        self._pool.append(w)

    def _thread_worker(self):
        if self._initializer is not None:
            self._initializer(*self._initargs)
        while True:
            task = self._inqueue.get()
            if task is None:
                break
            job, i, payload = task
            self._outqueue.put((job, i, _run_task(payload)))

    def _send_task(self, task):
        self._inqueue.put(task)

    def _pack(self, func, args, kwds):
        return (func, args, kwds)

    def _recv_result(self):
        return self._outqueue.get()

    def _wake_result_handler(self):
        self._outqueue.put(None)

    def _reap_workers(self):
        return False

    def _stop_workers(self):
        for _ in self._pool:
            self._inqueue.put(None)
