"""multiprocessing: processes with the threading API, on fork().

gilpy's answer to the GIL, as CPython's: each process has its own
interpreter and its own GIL, so CPU-bound work in two processes runs on
two cores.  Everything a child needs is inherited through fork(); objects
that cross between running processes (queue items, pool tasks and
results, manager calls) are pickled (see pickle.py).

  Process, current_process, parent_process, active_children   process.py
  Pipe, Connection                                            connection.py
  Queue, JoinableQueue, SimpleQueue                           queues.py
  Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event,
  Barrier                                                     synchronize.py
  Value, Array, RawValue, RawArray                            sharedctypes.py
  Manager                                                     managers.py
  Pool (and pool.ThreadPool, dummy.Pool)                      pool.py
"""

import sys

from multiprocessing import context as _context
from multiprocessing.context import ProcessError, BufferTooShort, TimeoutError, \
    AuthenticationError
from multiprocessing.process import Process, current_process, parent_process, active_children

_ctx = _context._default_context

__all__ = [name for name in dir(_ctx) if not name.startswith('_')] + ['Process', 'SUBDEBUG',
                                                                      'SUBWARNING']

cpu_count = _ctx.cpu_count
Manager = _ctx.Manager
Pipe = _ctx.Pipe
Lock = _ctx.Lock
RLock = _ctx.RLock
Condition = _ctx.Condition
Semaphore = _ctx.Semaphore
BoundedSemaphore = _ctx.BoundedSemaphore
Event = _ctx.Event
Barrier = _ctx.Barrier
Queue = _ctx.Queue
JoinableQueue = _ctx.JoinableQueue
SimpleQueue = _ctx.SimpleQueue
Pool = _ctx.Pool
RawValue = _ctx.RawValue
RawArray = _ctx.RawArray
Value = _ctx.Value
Array = _ctx.Array
freeze_support = _ctx.freeze_support
get_logger = _ctx.get_logger
log_to_stderr = _ctx.log_to_stderr
allow_connection_pickling = _ctx.allow_connection_pickling
set_executable = _ctx.set_executable
set_forkserver_preload = _ctx.set_forkserver_preload
get_context = _ctx.get_context
get_start_method = _ctx.get_start_method
set_start_method = _ctx.set_start_method
get_all_start_methods = _ctx.get_all_start_methods
reducer = _ctx.reducer

SUBDEBUG = 5
SUBWARNING = 25
