"""Path name manipulation for POSIX (os.path)."""

import posix
import stat as _stat

sep = '/'
curdir = '.'
pardir = '..'


def join(a, *p):
    """Join path components, restarting at any absolute component."""
    path = a
    for b in p:
        if b.startswith('/'):
            path = b
        elif not path or path.endswith('/'):
            path += b
        else:
            path += '/' + b
    return path


def split(p):
    i = p.rfind('/') + 1
    head, tail = p[:i], p[i:]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head, tail


def basename(p):
    return p[p.rfind('/') + 1:]


def dirname(p):
    return split(p)[0]


def splitext(p):
    base = basename(p)
    i = base.rfind('.')
    if i <= 0 or base[:i] == '.' * i:
        return p, ''
    cut = len(p) - len(base) + i
    return p[:cut], p[cut:]


def isabs(p):
    return p.startswith('/')


def exists(p):
    try:
        posix.stat(p)
    except (OSError, ValueError):
        return False
    return True


def lexists(p):
    try:
        posix.lstat(p)
    except (OSError, ValueError):
        return False
    return True


def isfile(p):
    try:
        return _stat.S_ISREG(posix.stat(p).st_mode)
    except (OSError, ValueError):
        return False


def isdir(p):
    try:
        return _stat.S_ISDIR(posix.stat(p).st_mode)
    except (OSError, ValueError):
        return False


def islink(p):
    try:
        return _stat.S_ISLNK(posix.lstat(p).st_mode)
    except (OSError, ValueError):
        return False


def getsize(p):
    return posix.stat(p).st_size


def getmtime(p):
    return posix.stat(p).st_mtime


def normpath(p):
    """Collapse redundant separators and up-level references."""
    if not p:
        return '.'
    initial = 1 if p.startswith('/') else 0
    if initial and p.startswith('//') and not p.startswith('///'):
        initial = 2
    parts = []
    for comp in p.split('/'):
        if comp in ('', '.'):
            continue
        if comp != '..' or (not initial and not parts) or (parts and parts[-1] == '..'):
            parts.append(comp)
        elif parts:
            parts.pop()
    p = '/'.join(parts)
    if initial:
        p = '/' * initial + p
    return p or '.'


def abspath(p):
    if not isabs(p):
        p = join(posix.getcwd(), p)
    return normpath(p)


def realpath(p):
    try:
        return posix._realpath(p)
    except OSError:
        return abspath(p)


def expanduser(p):
    if not p.startswith('~'):
        return p
    home = posix.environ.get('HOME', '/')
    i = p.find('/')
    if i < 0:
        i = len(p)
    if i != 1:
        return p
    return (home.rstrip('/') or '/') + p[i:]


def relpath(p, start='.'):
    a = abspath(p).split('/')
    b = abspath(start).split('/')
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    rel = ['..'] * (len(b) - i) + a[i:]
    return join(*rel) if rel else '.'


def commonprefix(m):
    if not m:
        return ''
    s1, s2 = min(m), max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1
