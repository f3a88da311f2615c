"""Experiment 10: fork() while another thread holds a lock.

A helper thread takes a lock and sleeps; meanwhile the main thread forks.
The child inherits the memory — including the lock, locked — but not the
helper thread, which would have released it.  Only the forking thread
survives in the child.

Run:     ./gilpy examples/gil_fork.py          (python3 for comparison)
Expect:  on python3 the child's acquire(timeout=1) fails: nobody is left to
         release the lock (without the timeout it would hang forever).
         gilpy's child re-initialises every inherited lock whose holder did
         not survive the fork, so its acquire succeeds; locks the forking
         thread itself holds stay held.  The script says which happened.
"""
import os
import threading
import time

lock = threading.Lock()
ready = threading.Event()


def holder():
    with lock:
        ready.set()
        time.sleep(0.5)


t = threading.Thread(target=holder)
t.start()
ready.wait()
pid = os.fork()
if pid == 0:
    got = lock.acquire(timeout=1)
    print(f"child:  threads alive {threading.active_count()}, acquire -> {got}"
          + ("  (inherited lock re-initialised)" if got else "  (held by a thread that no longer exists)"),
          flush=True)
    os._exit(0)
os.waitpid(pid, 0)
t.join()
print(f"parent: acquire -> {lock.acquire(timeout=1)}")
