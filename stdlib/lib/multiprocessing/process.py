"""Process objects: a Thread-like API over fork().

start() forks.  The child runs run() (by default target(*args, **kwargs)),
then flushes its output, stops queue feeders and joins its own children,
and leaves with os._exit(exitcode): 0 after a normal return, 1 after an
exception (printed as "Process NAME:" and a traceback, as CPython does),
the SystemExit code, or -N when a signal N killed it.  The parent reaps its
children with waitpid; at exit it waits for every non-daemon child.
"""

import itertools
import os
import signal
import sys
import time

from multiprocessing import util

__all__ = ['BaseProcess', 'Process', 'current_process', 'active_children', 'parent_process']


def current_process():
    """The Process object of the running process."""
    return _current_process


def parent_process():
    """The parent's Process object (None in the main process)."""
    return _parent_process


def active_children():
    """The children of this process that are still running (reaping the rest)."""
    _cleanup()
    return list(_children)


def _cleanup():
    for p in list(_children):
        if p._poll() is not None:
            _children.discard(p)


class BaseProcess:
    """A process running `target(*args, **kwargs)` (or an overridden run())."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        assert group is None, 'group argument must be None for now'
        count = next(_process_counter)
        self._identity = _current_process._identity + (count,)
        self._config = dict(_current_process._config)
        self._parent_pid = os.getpid()
        self._parent_name = _current_process.name
        self._pid = None
        self._exitcode = None
        self._closed = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name or type(self).__name__ + '-' + ':'.join(str(i) for i in self._identity)
        if daemon is not None:
            self.daemon = daemon

    def run(self):
        """What the child does; the default calls the target."""
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        """Fork the child process and run run() in it."""
        self._check_closed()
        assert self._pid is None, 'cannot start a process twice'
        assert self._parent_pid == os.getpid(), \
            'can only start a process object created by current process'
        assert not _current_process._config.get('daemon'), \
            'daemonic processes are not allowed to have children'
        _cleanup()
        util.flush_std_streams()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = self._bootstrap()
            finally:
                os._exit(code)
        self._pid = pid
        _children.add(self)

    def _bootstrap(self):
        """The child's life: run(), report errors, clean up; returns the exit code."""
        global _current_process, _parent_process, _process_counter
        exitcode = 1
        try:
            _children.clear()
            _process_counter = itertools.count(1)
            _parent_process = _ParentProcess(self._parent_name, self._parent_pid)
            _current_process = self
            self._pid = os.getpid()
            try:
                self.run()
                exitcode = 0
            finally:
                _exit_children()
        except SystemExit as e:
            code = e.code
            if code is None:
                exitcode = 0
            elif isinstance(code, int):
                exitcode = code
            else:
                sys.stderr.write(str(code) + '\n')
                exitcode = 1
        except BaseException:
            exitcode = 1
            sys.stderr.write('Process %s:\n' % self.name)
            sys.excepthook(*sys.exc_info())
        finally:
            try:
                import threading
                threading._shutdown()
            except BaseException:
                pass
            util.run_finalizers()
            util.flush_std_streams()
        return exitcode

    def _poll(self, block=False):
        """The exit code if the child has ended (reaping it), else None."""
        if self._exitcode is None and self._pid is not None:
            try:
                pid, status = os.waitpid(self._pid, 0 if block else os.WNOHANG)
            except ChildProcessError:
                return self._exitcode
            if pid == self._pid:
                self._exitcode = os.waitstatus_to_exitcode(status)
        return self._exitcode

    def join(self, timeout=None):
        """Wait until the process ends, or until timeout seconds passed."""
        self._check_closed()
        assert self._parent_pid == os.getpid(), 'can only join a child process'
        assert self._pid is not None, 'can only join a started process'
        if timeout is None:
            res = self._poll(block=True)
        else:
            deadline = time.monotonic() + timeout
            delay = 0.0005
            res = self._poll()
            while res is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                time.sleep(min(delay, left))
                delay = min(delay * 2, 0.05)
                res = self._poll()
        if res is not None:
            _children.discard(self)

    def is_alive(self):
        """Has the process started and not ended yet?"""
        self._check_closed()
        if self is _current_process:
            return True
        assert self._parent_pid == os.getpid(), 'can only test a child process'
        if self._pid is None:
            return False
        if self._poll() is None:
            return True
        _children.discard(self)
        return False

    def _signal(self, signum):
        self._check_closed()
        if self._pid is not None and self._exitcode is None and self._poll() is None:
            try:
                os.kill(self._pid, signum)
            except ProcessLookupError:
                pass

    def terminate(self):
        """Send SIGTERM to the process."""
        self._signal(signal.SIGTERM)

    def kill(self):
        """Send SIGKILL to the process."""
        self._signal(signal.SIGKILL)

    def close(self):
        """Release the Process object; the process must have ended."""
        if self._closed:
            return
        if self._pid is not None and self._poll() is None:
            raise ValueError("Cannot close a process while it is still running. "
                             "You should first call join() or terminate().")
        _children.discard(self)
        self._closed = True

    def _check_closed(self):
        if self._closed:
            raise ValueError("process object is closed")

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        assert isinstance(name, str), 'name must be a string'
        self._name = name

    @property
    def daemon(self):
        """Daemonic processes are terminated when their parent exits."""
        return self._config.get('daemon', False)

    @daemon.setter
    def daemon(self, daemonic):
        assert self._pid is None, 'process has already started'
        self._config['daemon'] = daemonic

    @property
    def authkey(self):
        return self._config.get('authkey', b'')

    @authkey.setter
    def authkey(self, authkey):
        self._config['authkey'] = authkey

    @property
    def exitcode(self):
        """None while running, else the exit code (-N: killed by signal N)."""
        self._check_closed()
        if self._pid is None:
            return self._exitcode
        return self._poll()

    @property
    def ident(self):
        """The process id (None before start)."""
        self._check_closed()
        if self is _current_process:
            return os.getpid()
        return self._pid

    pid = ident

    @property
    def sentinel(self):
        raise NotImplementedError("Process.sentinel is not supported by gilpy; use join(timeout)")

    def __repr__(self):
        exitcode = None
        if self is _current_process:
            status = 'started'
        elif self._closed:
            status = 'closed'
        elif self._parent_pid != os.getpid():
            status = 'unknown'
        elif self._pid is None:
            status = 'initial'
        else:
            exitcode = self._poll()
            status = 'started' if exitcode is None else 'stopped'
        info = [type(self).__name__, 'name=%r' % self._name]
        if self._pid is not None:
            info.append('pid=%s' % self._pid)
        info.append('parent=%s' % self._parent_pid)
        info.append(status)
        if exitcode is not None:
            exitcode = _exitcode_to_name.get(exitcode, exitcode)
            info.append('exitcode=%s' % exitcode)
        if self.daemon:
            info.append('daemon')
        return '<%s>' % ' '.join(info)


class Process(BaseProcess):
    """multiprocessing.Process: a child process created with fork()."""


class _MainProcess(BaseProcess):

    def __init__(self):
        self._identity = ()
        self._name = 'MainProcess'
        self._parent_pid = None
        self._pid = None
        self._exitcode = None
        self._closed = False
        self._target = None
        self._args = ()
        self._kwargs = {}
        self._config = {'authkey': os.urandom(32), 'semprefix': '/mp'}

    def close(self):
        pass


class _ParentProcess(BaseProcess):
    """The parent as its child sees it: a name and a pid."""

    def __init__(self, name, pid):
        self._identity = ()
        self._name = name
        self._pid = pid
        self._parent_pid = None
        self._exitcode = None
        self._closed = False
        self._config = {}

    def is_alive(self):
        try:
            os.kill(self._pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return os.getppid() == self._pid

    @property
    def ident(self):
        return self._pid

    pid = ident

    def join(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.is_alive():
            if deadline is not None and time.monotonic() >= deadline:
                return
            time.sleep(0.01)


def _exit_children():
    """In a child after run(): join our own non-daemon children."""
    for p in active_children():
        if p.daemon:
            p.terminate()
    for p in active_children():
        p.join()


_exitcode_to_name = {}
for _name in ('SIGTERM', 'SIGKILL', 'SIGINT', 'SIGHUP', 'SIGSEGV', 'SIGABRT', 'SIGUSR1', 'SIGUSR2'):
    if hasattr(signal, _name):
        _exitcode_to_name[-getattr(signal, _name)] = '-' + _name
del _name

_current_process = _MainProcess()
_parent_process = None
_process_counter = itertools.count(1)
_children = set()

import atexit
atexit.register(util._exit_function)
