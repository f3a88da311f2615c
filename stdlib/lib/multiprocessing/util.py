"""Bookkeeping shared by the multiprocessing modules.

- finalizers: callables run when a process ends (a child after run(), the
  main process at exit): they flush queue feeder threads, shut down pools
  and managers;
- after-fork hooks: objects that must forget their parent's state in a
  forked child (thread-local buffers, connections to a manager);
- _exit_function: the main process's atexit hook, which terminates
  daemonic children, joins the others and runs the finalizers, so the
  program never leaves zombies behind.
"""

import os
import sys

_finalizers = []          # [(priority, seq, callable)] of this process
_finalizer_seq = [0]
_after_fork_hooks = []    # callables run in every forked child
_exiting = [False]


def register_finalizer(func, priority=0):
    """Run func() when this process ends; higher priorities run first."""
    _finalizer_seq[0] += 1
    entry = (priority, _finalizer_seq[0], func)
    _finalizers.append(entry)
    return entry


def unregister_finalizer(entry):
    try:
        _finalizers.remove(entry)
    except ValueError:
        pass


def run_finalizers(min_priority=None):
    """Run (and forget) the registered finalizers, highest priority first."""
    entries = sorted(_finalizers, key=lambda e: (-e[0], -e[1]))
    for entry in entries:
        if min_priority is not None and entry[0] < min_priority:
            continue
        unregister_finalizer(entry)
        try:
            entry[2]()
        except Exception:
            sys.excepthook(*sys.exc_info())


def register_after_fork(func):
    """Call func() in every child forked after this point."""
    _after_fork_hooks.append(func)


def _run_after_fork_hooks():
    _finalizers.clear()
    for func in list(_after_fork_hooks):
        func()


os.register_at_fork(after_in_child=_run_after_fork_hooks)


def flush_std_streams():
    """Flush sys.stdout and sys.stderr (before fork, and before _exit)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (AttributeError, ValueError, OSError):
            pass


def _exit_function():
    """At the main process's exit: stop daemonic children, join the others."""
    if _exiting[0]:
        return
    _exiting[0] = True
    from multiprocessing import process
    run_finalizers(min_priority=0)
    for p in process.active_children():
        if p.daemon:
            p.terminate()
    for p in process.active_children():
        p.join()
    run_finalizers()


_temp_dir = [None]


def get_temp_dir():
    """A private directory for this process's sockets, removed at exit."""
    if _temp_dir[0] is None or not os.path.isdir(_temp_dir[0]):
        base = os.environ.get('TMPDIR', '/tmp')
        n = 0
        while True:
            path = os.path.join(base, 'gilpy-mp-%d-%d' % (os.getpid(), n))
            try:
                os.mkdir(path, 0o700)
                break
            except FileExistsError:
                n += 1
        _temp_dir[0] = path
        owner = os.getpid()

        def remove():
            if os.getpid() != owner:
                return
            try:
                for name in os.listdir(path):
                    os.remove(os.path.join(path, name))
                os.rmdir(path)
            except OSError:
                pass
        register_finalizer(remove, priority=-100)
    return _temp_dir[0]
