"""Experiment 8: thousands of sleeping threads; what does a thread cost?

Starts 2000 threads that wait on one Event, with the default stack size and
with threading.stack_size(64 KiB), and reads the process's resident memory
(VmRSS in /proc/self/status) before and after.  Sleeping threads do not hold
the GIL, so they cost memory, not time.

Run:     ./gilpy examples/gil_sleeping_threads.py
Expect:  a few tens of KiB resident per thread (stacks are reserved, and
         touched only as far as used); start-up a few tens of µs per thread.
"""
import threading
import time

COUNT = 2000


def rss_kib():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


print(f"{'stack size':<12} {'threads':>7} {'start s':>8} {'RSS +KiB':>9} {'KiB/thread':>11}")
for size in (0, 64 * 1024):
    threading.stack_size(size)
    stop = threading.Event()
    before = rss_kib()
    t0 = time.perf_counter()
    ts = [threading.Thread(target=stop.wait) for _ in range(COUNT)]
    for t in ts:
        t.start()
    started = time.perf_counter() - t0
    grown = rss_kib() - before
    stop.set()
    for t in ts:
        t.join()
    label = "default" if size == 0 else f"{size // 1024} KiB"
    print(f"{label:<12} {COUNT:7d} {started:8.3f} {grown:9d} {grown / COUNT:11.1f}")
threading.stack_size(0)
