"""ProcessPoolExecutor: calls run by a pool of worker processes.

Built on multiprocessing.Pool: submit() queues a work item locally; a
dispatcher thread passes items to the pool (pickling fn and its
arguments) while fewer than max_workers + 1 are in flight, so a future is
cancellable until a worker is about to take it.  Results come back
through apply_async's callbacks.
"""

import collections
import os
import threading

from concurrent.futures import _base

__all__ = ['ProcessPoolExecutor', 'BrokenProcessPool']


class BrokenProcessPool(_base.BrokenExecutor):
    """A worker process died abruptly."""


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs


class ProcessPoolExecutor(_base.Executor):
    """An Executor running calls in max_workers processes."""

    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(),
                 *, max_tasks_per_child=None):
        if max_workers is None:
            max_workers = os.cpu_count() or 1
        elif max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if max_tasks_per_child is not None:
            if not isinstance(max_tasks_per_child, int):
                raise TypeError("max_tasks_per_child must be an integer")
            if max_tasks_per_child <= 0:
                raise ValueError("max_tasks_per_child must be >= 1")
        self._max_workers = max_workers
        self._initializer = initializer
        self._initargs = initargs
        self._max_tasks = max_tasks_per_child
        self._pool = None
        self._pending = collections.deque()
        self._cond = threading.Condition()
        self._in_flight = 0
        self._shutdown = False
        self._dispatcher = None

    def _start(self):
        from multiprocessing.pool import Pool
        self._pool = Pool(self._max_workers, self._initializer, self._initargs,
                          self._max_tasks)
        self._dispatcher = threading.Thread(target=self._dispatch, daemon=True,
                                            name='ProcessPoolExecutorDispatcher')
        self._dispatcher.start()

    def submit(self, fn, /, *args, **kwargs):
        """Schedule fn(*args, **kwargs) in a worker process; returns its Future."""
        with self._cond:
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            if self._pool is None:
                self._start()
            f = _base.Future()
            self._pending.append(_WorkItem(f, fn, args, kwargs))
            self._cond.notify_all()
            return f

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        """map() with the calls run in the worker processes (results in order)."""
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        return super().map(fn, *iterables, timeout=timeout)

    def _dispatch(self):
        """Move work items to the pool while fewer than max_workers+1 run."""
        while True:
            with self._cond:
                while not self._pending or self._in_flight > self._max_workers:
                    if self._shutdown and not self._pending:
                        return
                    self._cond.wait()
                item = self._pending.popleft()
                if not item.future.set_running_or_notify_cancel():
                    continue
                self._in_flight += 1
            try:
                self._pool.apply_async(item.fn, item.args, item.kwargs,
                                       callback=self._done_callback(item.future, True),
                                       error_callback=self._done_callback(item.future, False))
            except Exception as e:
                self._finish()
                item.future.set_exception(e)

    def _finish(self):
        with self._cond:
            self._in_flight -= 1
            self._cond.notify_all()

    def _done_callback(self, future, ok):
        def done(value):
            self._finish()
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        return done

    def shutdown(self, wait=True, *, cancel_futures=False):
        """No more submits; with wait, return once every call is done."""
        with self._cond:
            self._shutdown = True
            if cancel_futures:
                while self._pending:
                    item = self._pending.popleft()
                    item.future.cancel()
            self._cond.notify_all()
        if self._pool is None:
            return
        if wait:
            self._dispatcher.join()
            with self._cond:
                while self._in_flight:
                    self._cond.wait()
            self._pool.close()
            self._pool.join()
            self._pool = None
