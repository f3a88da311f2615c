"""Experiment 3: I/O latency under CPU load, per GIL policy (the convoy effect).

An I/O thread does 1000 short blocking calls (time.sleep(0), a real system
call that releases the GIL).  Alone it needs a fraction of a millisecond per
call.  Beside one CPU-bound thread, under `interval` it must wait for the
CPU thread to be forced out after every call: up to one switch interval
(5 ms) each time.  Under `priority` the thread back from I/O asks the holder
to drop at its next check point, and gets the GIL within microseconds.

Run:     ./gilpy examples/gil_io_latency.py
         ./gilpy -X giltrace=build/io_latency.svg examples/gil_io_latency.py
Expect:  `interval` tens of times slower than alone; `priority` close to 1x;
         `fifo` like interval; `ticks` in between.  python3 runs the
         interval row only.
"""
import sys
import threading
import time

try:
    import gil
except ImportError:
    gil = None

CALLS = 1000


def io_task():
    t0 = time.perf_counter()
    for _ in range(CALLS):
        time.sleep(0)
    return time.perf_counter() - t0


def spin(stop):
    n = 0
    while not stop:
        n += 1


def with_cpu_thread():
    stop = []
    cpu = threading.Thread(target=spin, args=(stop,))
    cpu.start()
    time.sleep(0.01)
    result = []
    io = threading.Thread(target=lambda: result.append(io_task()))
    io.start()
    io.join()
    stop.append(True)
    cpu.join()
    return result[0]


policies = gil.POLICIES if gil else ("interval",)
print(f"{'policy':<9} {'alone ms':>9} {'with CPU ms':>12} {'slowdown':>9}")
for policy in policies:
    if gil:
        gil.set_policy(policy)
    alone = min(io_task() for _ in range(3))
    loaded = min(with_cpu_thread() for _ in range(2))
    print(f"{policy:<9} {alone * 1e3:9.1f} {loaded * 1e3:12.1f} {loaded / alone:8.1f}x")
if gil:
    gil.set_policy("interval")
