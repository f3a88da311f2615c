"""Future, Executor, wait() and as_completed().

A Future moves PENDING -> RUNNING -> FINISHED, or PENDING -> CANCELLED
(-> CANCELLED_AND_NOTIFIED once its executor has seen the cancel).  Its
fields are guarded by a threading.Condition that result() waits on.

wait() and as_completed() watch many futures at once: they attach a
_Watcher to each, and every future that completes appends itself to the
watchers' lists and wakes them.  The watcher then checks its own
stopping rule (first completed, first exception, all completed).
"""

import collections
import sys
import threading
import time

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'

PENDING = 'PENDING'
RUNNING = 'RUNNING'
CANCELLED = 'CANCELLED'
CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
FINISHED = 'FINISHED'

_DONE_STATES = (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED)
_DESCRIPTION = {PENDING: 'pending', RUNNING: 'running', CANCELLED: 'cancelled',
                CANCELLED_AND_NOTIFIED: 'cancelled', FINISHED: 'finished'}


class Error(Exception):
    """Base class of the futures errors."""


class CancelledError(Error):
    """The Future was cancelled."""


TimeoutError = TimeoutError     # the built-in one, as in CPython 3.11


class InvalidStateError(Error):
    """The Future is not in a state that allows the operation."""


class BrokenExecutor(RuntimeError):
    """A worker of the executor died; the executor cannot be used any more."""


class _Watcher:
    """Collects the futures that complete while wait()/as_completed() watch."""

    def __init__(self):
        self.cond = threading.Condition(threading.Lock())
        self.completed = []

    def future_done(self, future):
        with self.cond:
            self.completed.append(future)
            self.cond.notify_all()


def _attach(fs, watcher):
    """Attach watcher to every future; returns those already complete."""
    done = set()
    for f in fs:
        with f._condition:
            if f._state in (CANCELLED_AND_NOTIFIED, FINISHED):
                done.add(f)
            else:
                f._watchers.append(watcher)
    return done


def _detach(fs, watcher):
    for f in fs:
        with f._condition:
            if watcher in f._watchers:
                f._watchers.remove(watcher)


def _failed(f):
    return f._state == FINISHED and f._exception is not None


DoneAndNotDoneFutures = collections.namedtuple('DoneAndNotDoneFutures', 'done not_done')


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Wait for the futures in fs; returns the named tuple (done, not_done).

    return_when: FIRST_COMPLETED, FIRST_EXCEPTION (or all completed),
    ALL_COMPLETED (default).  With a timeout, returns when it expires.
    """
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError("Invalid return condition: %r" % return_when)
    fs = set(fs)
    watcher = _Watcher()
    done = _attach(fs, watcher)
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        with watcher.cond:
            while True:
                done.update(watcher.completed)
                watcher.completed = []
                if len(done) == len(fs):
                    break
                if return_when == FIRST_COMPLETED and done:
                    break
                if return_when == FIRST_EXCEPTION and any(_failed(f) for f in done):
                    break
                if deadline is None:
                    watcher.cond.wait()
                else:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    watcher.cond.wait(left)
    finally:
        _detach(fs, watcher)
    return DoneAndNotDoneFutures(done, fs - done)


def as_completed(fs, timeout=None):
    """Yield the futures of fs as they complete (finished or cancelled).

    The iterator raises TimeoutError if some are still pending `timeout`
    seconds after the call.
    """
    fs = set(fs)
    total = len(fs)
    deadline = None if timeout is None else time.monotonic() + timeout
    watcher = _Watcher()
    ready = _attach(fs, watcher)
    pending = fs - ready
    try:
        for f in ready:
            yield f
        while pending:
            with watcher.cond:
                while not watcher.completed:
                    if deadline is None:
                        watcher.cond.wait()
                        continue
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError('%d (of %d) futures unfinished' % (len(pending), total))
                    watcher.cond.wait(left)
                batch = watcher.completed
                watcher.completed = []
            for f in batch:
                if f in pending:
                    pending.discard(f)
                    yield f
    finally:
        _detach(fs, watcher)


def _report_callback_error(future):
    sys.stderr.write('exception calling callback for %r\n' % future)
    sys.excepthook(*sys.exc_info())


class Future:
    """The eventual outcome of a call handed to an executor."""

    def __init__(self):
        self._condition = threading.Condition()
        self._state = PENDING
        self._result = None
        self._exception = None
        self._watchers = []
        self._done_callbacks = []

    def __repr__(self):
        with self._condition:
            text = '<%s at %#x state=%s' % (type(self).__name__, id(self),
                                            _DESCRIPTION[self._state])
            if self._state == FINISHED:
                if self._exception is not None:
                    text += ' raised %s' % type(self._exception).__name__
                else:
                    text += ' returned %s' % type(self._result).__name__
            return text + '>'

    def _run_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception:
                _report_callback_error(self)

    def _complete(self, state):
        """Under the condition: set the final state, wake everyone."""
        self._state = state
        for watcher in list(self._watchers):
            watcher.future_done(self)
        self._condition.notify_all()

    def cancel(self):
        """Cancel the call if it has not started; True if it is cancelled."""
        with self._condition:
            if self._state in (RUNNING, FINISHED):
                return False
            if self._state == PENDING:
                self._state = CANCELLED
                self._condition.notify_all()
            else:
                return True
        self._run_callbacks()
        return True

    def cancelled(self):
        with self._condition:
            return self._state in (CANCELLED, CANCELLED_AND_NOTIFIED)

    def running(self):
        with self._condition:
            return self._state == RUNNING

    def done(self):
        """True once the call finished or was cancelled."""
        with self._condition:
            return self._state in _DONE_STATES

    def add_done_callback(self, fn):
        """Call fn(future) when the future completes (at once if it has)."""
        with self._condition:
            if self._state not in _DONE_STATES:
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception:
            _report_callback_error(self)

    def _wait_done(self, timeout):
        """Under the condition: wait for completion; raise if cancelled/late."""
        if self._state not in _DONE_STATES:
            self._condition.wait(timeout)
        if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED):
            raise CancelledError()
        if self._state != FINISHED:
            raise TimeoutError()

    def result(self, timeout=None):
        """The call's return value, or its exception raised again.

        CancelledError if it was cancelled, TimeoutError if it did not
        complete within timeout seconds.
        """
        with self._condition:
            self._wait_done(timeout)
            exc = self._exception
            if exc is None:
                return self._result
        try:
            raise exc
        finally:
            exc = None

    def exception(self, timeout=None):
        """The call's exception, None if it returned normally."""
        with self._condition:
            self._wait_done(timeout)
            return self._exception

    def set_running_or_notify_cancel(self):
        """For executors: True and RUNNING, or False if it was cancelled."""
        with self._condition:
            if self._state == CANCELLED:
                self._complete(CANCELLED_AND_NOTIFIED)
                return False
            if self._state == PENDING:
                self._state = RUNNING
                return True
            raise RuntimeError('Future in unexpected state')

    def set_result(self, result):
        with self._condition:
            if self._state in _DONE_STATES:
                raise InvalidStateError('%s: %r' % (self._state, self))
            self._result = result
            self._complete(FINISHED)
        self._run_callbacks()

    def set_exception(self, exception):
        with self._condition:
            if self._state in _DONE_STATES:
                raise InvalidStateError('%s: %r' % (self._state, self))
            self._exception = exception
            self._complete(FINISHED)
        self._run_callbacks()


class Executor:
    """Base class of the executors: submit(), map(), shutdown(), `with`."""

    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        """map(fn, *iterables) with the calls run by the executor.

        Results come back in order; the iterator raises TimeoutError when
        a result is not ready `timeout` seconds after map() was called.
        Leaving the iterator early cancels the calls not yet started.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        futures = [self.submit(fn, *args) for args in zip(*iterables)]

        def results():
            try:
                for i, f in enumerate(futures):
                    if deadline is None:
                        yield f.result()
                    else:
                        yield f.result(deadline - time.monotonic())
                    futures[i] = None
            finally:
                for f in futures:
                    if f is not None:
                        f.cancel()
        return results()

    def shutdown(self, wait=True, *, cancel_futures=False):
        """Free the executor's resources once the pending calls are done."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False
