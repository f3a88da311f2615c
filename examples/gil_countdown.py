"""Experiment 1: a CPU-bound countdown, serially, in two threads, in two processes.

Run:     ./gilpy examples/gil_countdown.py        (or python3, for comparison)
         ./gilpy -X giltrace=build/countdown.svg examples/gil_countdown.py
Expect:  two threads take about as long as the serial run (the GIL lets one
         thread run Python code at a time); two processes take about half,
         when the machine has two free cores.
"""
import os
import threading
import time

N = 20_000_000


def countdown(n):
    while n > 0:
        n -= 1


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def serial():
    countdown(N)
    countdown(N)


def threads():
    ts = [threading.Thread(target=countdown, args=(N,)) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def processes():
    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            countdown(N)
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)


countdown(N // 10)   # warm up
base = timed(serial)
print(f"{'how':<12} {'seconds':>8} {'vs serial':>10}")
for name, fn in (("serial", serial), ("2 threads", threads), ("2 processes", processes)):
    t = base if fn is serial else timed(fn)
    print(f"{name:<12} {t:8.3f} {t / base:10.2f}")
