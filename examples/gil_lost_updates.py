"""Experiment 5: a shared counter without a lock.  Is `counter += 1` atomic?

Three ways to count to 2 x 1,000,000 from two threads:
  bare      `counter += 1` in a loop;
  call      the same, with a function call between the read and the write;
  locked    the call version inside `with lock:`.
In Python 3.10+ the GIL changes hands only at check points (backward jumps,
calls, returns), never between the read and the write of a bare `+=`, so it
loses nothing — by accident of the implementation.  The call version has a
check point in the middle and loses updates.  `-X gilchecks=every` puts a
check point after every instruction, as in Python 2.7-3.9, and the bare
version loses updates too.  The lock fixes both.

Run:     ./gilpy examples/gil_lost_updates.py
         ./gilpy -X gilchecks=every examples/gil_lost_updates.py
         ./gilpy --dis examples/gil_lost_updates.py   ('*' marks check points)
Expect:  bare 0 lost (default) or many lost (gilchecks=every); call many
         lost; locked 0 lost.
"""
import sys
import threading

N = 1_000_000
sys.setswitchinterval(0.001)   # more hand-overs, so a race shows up reliably
counter = 0
lock = threading.Lock()


def identity(x):
    return x


def bare(n):
    global counter
    for _ in range(n):
        counter += 1


def call(n):
    global counter
    for _ in range(n):
        counter = identity(counter) + 1


def locked(n):
    global counter
    for _ in range(n):
        with lock:
            counter = identity(counter) + 1


print(f"{'variant':<8} {'expected':>9} {'counted':>9} {'lost':>8}")
for fn in (bare, call, locked):
    counter = 0
    ts = [threading.Thread(target=fn, args=(N,)) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print(f"{fn.__name__:<8} {2 * N:9d} {counter:9d} {2 * N - counter:8d}")
