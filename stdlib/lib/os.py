"""Operating-system interfaces (the subset gilpy supports), on `posix`."""

import posix
from posix import *
from posix import _exit   # not exported by the star import (leading underscore)
import posixpath as path
import sys as _sys
_sys.modules['os.path'] = path

name = 'posix'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
curdir = '.'
pardir = '..'
linesep = '\n'
defpath = '/bin:/usr/bin'
devnull = '/dev/null'
error = OSError
sys_module = None

_at_fork_child = []
_at_fork_parent = []
_at_fork_before = []


class _Environ(dict):
    """os.environ: a dict whose changes reach the real environment."""

    def __setitem__(self, key, value):
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError("str expected, not %s" % type(value).__name__)
        posix.putenv(key, value)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key):
        posix.unsetenv(key)
        dict.__delitem__(self, key)

    def pop(self, key, *default):
        if key in self:
            value = self[key]
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def setdefault(self, key, value):
        if key not in self:
            self[key] = value
        return self[key]

    def update(self, *args, **kw):
        for k, v in dict(*args, **kw).items():
            self[k] = v

    def copy(self):
        return dict(self)

    def __repr__(self):
        return 'environ(%s)' % dict.__repr__(self)


environ = _Environ(posix.environ)


def fdopen(fd, mode="r", buffering=-1, encoding=None, *args, **kwargs):
    """A file object for an open file descriptor."""
    if not isinstance(fd, int):
        raise TypeError("invalid fd type (%s, expected integer)" % type(fd).__name__)
    import io
    return io.open(fd, mode, buffering, encoding, *args, **kwargs)


def getenv(key, default=None):
    """The environment variable `key`, or `default`."""
    return environ.get(key, default)


def putenv(key, value):
    posix.putenv(key, value)


def register_at_fork(*, before=None, after_in_child=None, after_in_parent=None):
    """Register callables run around os.fork()."""
    if before is not None:
        _at_fork_before.append(before)
    if after_in_child is not None:
        _at_fork_child.append(after_in_child)
    if after_in_parent is not None:
        _at_fork_parent.append(after_in_parent)


def fork():
    """Fork the process; 0 in the child, the child's pid in the parent."""
    for f in reversed(_at_fork_before):
        f()
    pid = posix.fork()
    if pid == 0:
        import sys
        th = sys.modules.get('threading')
        if th is not None:
            th._after_fork()
        for f in _at_fork_child:
            f()
    else:
        for f in _at_fork_parent:
            f()
    return pid


def makedirs(name, mode=0o777, exist_ok=False):
    """Create a directory and any missing parents."""
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, mode, exist_ok)
        except FileExistsError:
            pass
    try:
        mkdir(name, mode)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def removedirs(name):
    rmdir(name)
    head, tail = path.split(name)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def walk(top, topdown=True):
    """Yield (dirpath, dirnames, filenames) for the tree under top."""
    try:
        names = listdir(top)
    except OSError:
        return
    dirs, files = [], []
    for n in names:
        (dirs if path.isdir(path.join(top, n)) else files).append(n)
    if topdown:
        yield top, dirs, files
    for d in dirs:
        yield from walk(path.join(top, d), topdown)
    if not topdown:
        yield top, dirs, files


def fsencode(filename):
    return filename.encode() if isinstance(filename, str) else filename


def fsdecode(filename):
    return filename.decode() if isinstance(filename, bytes) else filename


def fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    return p.__fspath__()
