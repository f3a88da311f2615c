"""Constants and tests for st_mode values (os.stat results)."""

S_IFMT = 0o170000
S_IFDIR = 0o040000
S_IFREG = 0o100000
S_IFLNK = 0o120000
S_IFIFO = 0o010000
S_IFSOCK = 0o140000
S_IFCHR = 0o020000
S_IFBLK = 0o060000


def S_IFMT_OF(mode):
    return mode & S_IFMT


def S_ISDIR(mode):
    return mode & S_IFMT == S_IFDIR


def S_ISREG(mode):
    return mode & S_IFMT == S_IFREG


def S_ISLNK(mode):
    return mode & S_IFMT == S_IFLNK


def S_ISFIFO(mode):
    return mode & S_IFMT == S_IFIFO


def S_ISSOCK(mode):
    return mode & S_IFMT == S_IFSOCK


def S_IMODE(mode):
    return mode & 0o7777
