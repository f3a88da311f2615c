"""Experiment 2: the switch interval, from 0.1 ms to 100 ms, for two CPU-bound threads.

Run:     ./gilpy examples/gil_switch_interval.py
Expect:  switches per second fall as the interval grows (about 1/interval);
         the total time hardly changes, except at the shortest intervals
         where hand-overs cost something.  (python3 prints times only.)
"""
import sys
import threading
import time

try:
    import gil
except ImportError:
    gil = None

N = 3_000_000


def countdown(n):
    while n > 0:
        n -= 1


countdown(N // 10)
print(f"{'interval ms':>11} {'seconds':>8} {'switches':>9} {'per second':>11}")
for interval in (0.0001, 0.001, 0.005, 0.02, 0.1):
    sys.setswitchinterval(interval)
    if gil:
        gil.reset_stats()
    ts = [threading.Thread(target=countdown, args=(N,)) for _ in range(2)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    dt = time.perf_counter() - t0
    if gil:
        s = gil.stats()["switches"]
        print(f"{interval * 1e3:11.1f} {dt:8.3f} {s:9d} {s / dt:11.0f}")
    else:
        print(f"{interval * 1e3:11.1f} {dt:8.3f} {'-':>9} {'-':>11}")
sys.setswitchinterval(0.005)
