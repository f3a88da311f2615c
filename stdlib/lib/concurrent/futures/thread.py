"""ThreadPoolExecutor: calls run by a pool of worker threads.

Work items wait in a queue.SimpleQueue; a new worker thread is started
at each submit() while fewer than max_workers exist and none is idle.
A None item tells a worker to stop.  Threads are named
"<thread_name_prefix>_<n>" (default prefix "ThreadPoolExecutor-<k>").
"""

import itertools
import os
import queue
import threading

from concurrent.futures import _base

__all__ = ['ThreadPoolExecutor', 'BrokenThreadPool']


class BrokenThreadPool(_base.BrokenExecutor):
    """An initializer failed: the pool cannot run calls any more."""


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
            self = None
        else:
            self.future.set_result(result)


_executor_counter = itertools.count()


class ThreadPoolExecutor(_base.Executor):
    """An Executor running calls in up to max_workers threads."""

    def __init__(self, max_workers=None, thread_name_prefix='', initializer=None, initargs=()):
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle = threading.Semaphore(0)
        self._threads = set()
        self._broken = False
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        self._thread_name_prefix = (thread_name_prefix or
                                    ("ThreadPoolExecutor-%d" % next(_executor_counter)))
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, /, *args, **kwargs):
        """Schedule fn(*args, **kwargs); returns its Future."""
        with self._shutdown_lock:
            if self._broken:
                raise BrokenThreadPool(self._broken)
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            f = _base.Future()
            self._work_queue.put(_WorkItem(f, fn, args, kwargs))
            self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
        if self._idle.acquire(timeout=0):
            return
        if len(self._threads) < self._max_workers:
            name = '%s_%d' % (self._thread_name_prefix, len(self._threads))
            t = threading.Thread(name=name, target=self._worker, daemon=True)
            t.start()
            self._threads.add(t)
            _live_executors.add(self)

    def _worker(self):
        if self._initializer is not None:
            try:
                self._initializer(*self._initargs)
            except BaseException:
                import sys
                sys.stderr.write('Exception in initializer:\n')
                sys.excepthook(*sys.exc_info())
                self._initializer_failed()
                return
        while True:
            item = self._work_queue.get()
            if item is None:
                self._work_queue.put(None)    # wake the next worker too
                return
            item.run()
            del item
            self._idle.release()

    def _initializer_failed(self):
        with self._shutdown_lock:
            self._broken = ('A thread initializer failed, the thread pool '
                            'is not usable anymore')
            while True:
                try:
                    item = self._work_queue.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item.future.set_exception(BrokenThreadPool(self._broken))

    def shutdown(self, wait=True, *, cancel_futures=False):
        """No more submits; with wait, return once every call is done.

        cancel_futures cancels the calls that have not started.
        """
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._work_queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is not None:
                        item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for t in list(self._threads):
                t.join()
        _live_executors.discard(self)


_live_executors = set()


def _python_exit():
    """At exit, as CPython: let every pool finish its queued calls."""
    for executor in list(_live_executors):
        executor.shutdown(wait=True)


import atexit
atexit.register(_python_exit)
