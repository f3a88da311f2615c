"""Connection objects: the two ends of a Pipe().

A message is one pickled object (send/recv) or raw bytes
(send_bytes/recv_bytes), framed with a 4-byte length by
_multiprocessing.send_msg/recv_msg, which release the GIL while they
block.  Pipe(duplex=True) is a Unix socketpair; Pipe(False) an os.pipe()
whose first end only reads and second end only writes.  recv() raises
EOFError once every copy of the other end is closed.
"""

import os
import time

import _multiprocessing
from _multiprocessing import send_msg as _send_msg, recv_msg as _recv_msg, \
    wait_readable as _wait_readable
from pickle import dumps as _dumps, loads as _loads

__all__ = ['Connection', 'Pipe', 'wait', 'Client', 'Listener']


class Connection:
    """One end of a pipe or socket carrying length-prefixed messages."""

    def __init__(self, handle, readable=True, writable=True):
        handle = handle.__index__()
        if handle < 0:
            raise ValueError("invalid handle")
        if not readable and not writable:
            raise ValueError("at least one of `readable` and `writable` must be True")
        self._handle = handle
        self._readable = readable
        self._writable = writable

    def __del__(self):
        if self._handle is not None:
            try:
                os.close(self._handle)
            except OSError:
                pass
            self._handle = None

    def _check_closed(self):
        if self._handle is None:
            raise OSError("handle is closed")

    def _check_readable(self):
        if not self._readable:
            raise OSError("connection is write-only")

    def _check_writable(self):
        if not self._writable:
            raise OSError("connection is read-only")

    @property
    def closed(self):
        return self._handle is None

    @property
    def readable(self):
        return self._readable

    @property
    def writable(self):
        return self._writable

    def fileno(self):
        """The file descriptor of the connection."""
        self._check_closed()
        return self._handle

    def close(self):
        """Close the connection (the other end sees EOF once all copies are closed)."""
        if self._handle is not None:
            try:
                os.close(self._handle)
            finally:
                self._handle = None

    def send_bytes(self, buf, offset=0, size=None):
        """Send bytes-like data (or the slice buf[offset:offset+size]) as one message."""
        self._check_closed()
        self._check_writable()
        m = buf if isinstance(buf, (bytes, bytearray)) else bytes(buf)
        n = len(m)
        if offset < 0:
            raise ValueError("offset is negative")
        if n < offset:
            raise ValueError("buffer length < offset")
        if size is None:
            size = n - offset
        elif size < 0:
            raise ValueError("size is negative")
        elif offset + size > n:
            raise ValueError("buffer length < offset + size")
        if offset or size != n:
            m = bytes(m[offset:offset + size])
        _send_msg(self._handle, m)

    def send(self, obj):
        """Send a picklable object."""
        self._check_closed()
        self._check_writable()
        _send_msg(self._handle, _dumps(obj))

    def recv_bytes(self, maxlength=None):
        """Receive one message as bytes (EOFError when the peer has closed)."""
        self._check_closed()
        self._check_readable()
        if maxlength is not None and maxlength < 0:
            raise ValueError("negative maxlength")
        data = _recv_msg(self._handle)
        if maxlength is not None and len(data) > maxlength:
            self.close()
            raise OSError("bad message length")
        return data

    def recv_bytes_into(self, buf, offset=0):
        """Receive one message into a writable buffer; returns its length."""
        data = self.recv_bytes()
        n = len(data)
        if offset + n > len(buf):
            raise BufferTooShort(data)
        buf[offset:offset + n] = data
        return n

    def recv(self):
        """Receive one object sent with send()."""
        self._check_closed()
        self._check_readable()
        return _loads(_recv_msg(self._handle))

    def poll(self, timeout=0.0):
        """Is there data to read?  Waits up to timeout seconds (None: forever)."""
        self._check_closed()
        self._check_readable()
        return _wait_readable(self._handle, timeout)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        self.close()

    def __repr__(self):
        return '<%s handle=%s>' % (type(self).__name__, self._handle)

    def __reduce__(self):
        raise RuntimeError("Connection objects should only be shared between processes "
                           "through inheritance")


class BufferTooShort(Exception):
    """recv_bytes_into's buffer was too small; args[0] is the message."""


def Pipe(duplex=True):
    """Two Connection objects joined by a pipe: (conn1, conn2).

    Duplex: both ends send and receive.  Otherwise conn1 only receives
    and conn2 only sends.
    """
    if duplex:
        a, b = _multiprocessing.socketpair()
        return Connection(a), Connection(b)
    r, w = os.pipe()
    return Connection(r, writable=False), Connection(w, readable=False)


def wait(object_list, timeout=None):
    """The connections (or objects with fileno()) of object_list that are ready to read."""
    import select
    objs = list(object_list)
    if not objs:
        if timeout is not None:
            time.sleep(timeout)
        return []
    ready, _, _ = select.select(objs, [], [], timeout)
    return ready


class Listener:
    """A server socket (AF_UNIX) accepting Connection objects."""

    def __init__(self, address=None, family=None, backlog=16, authkey=None):
        from multiprocessing import util
        if address is None:
            address = os.path.join(util.get_temp_dir(), 'listener-%d' % id(self))
        self._address = address
        self._fd = _multiprocessing.socket_listen(address, backlog)

    @property
    def address(self):
        return self._address

    def accept(self):
        return Connection(_multiprocessing.socket_accept(self._fd))

    def close(self):
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            try:
                os.remove(self._address)
            except OSError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


def Client(address, family=None, authkey=None):
    """A Connection to a Listener's address."""
    return Connection(_multiprocessing.socket_connect(address))
