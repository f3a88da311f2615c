"""Experiment 4: Python 2's `ticks` GIL against today's `interval` GIL, on two cores.

Under `ticks` the running thread lets go of the GIL every 100 instructions
(sys.setcheckinterval) and grabs it straight back; on a multicore machine the
waiting thread wakes up, loses, and sleeps again, over and over.  Under
`interval` the waiter asks for the GIL only after 5 ms and the holder hands
it over for real.

Run:     ./gilpy examples/gil_ticks.py
         ./gilpy -X gil=ticks -X giltrace=build/ticks.svg examples/gil_ticks.py
Expect:  with two idle cores, `ticks` threads slower than serial (many
         releases, few real switches), `interval` threads within ~10% of
         serial.  gilpy only (python3 has no `ticks`).
"""
import sys
import threading
import time

try:
    import gil
except ImportError:
    sys.exit("this experiment needs gilpy's gil module")

N = 3_000_000


def countdown(n):
    while n > 0:
        n -= 1


def run(policy):
    gil.set_policy(policy)
    t0 = time.perf_counter()
    countdown(N)
    countdown(N)
    serial = time.perf_counter() - t0
    gil.reset_stats()
    ts = [threading.Thread(target=countdown, args=(N,)) for _ in range(2)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    threaded = time.perf_counter() - t0
    st = gil.stats()
    releases = sum(t["forced_drops"] for t in st["threads"])
    return serial, threaded, releases, st["switches"]


countdown(N // 10)
print(f"{'policy':<9} {'serial s':>9} {'threads s':>10} {'ratio':>6} {'releases':>9} {'switches':>9}")
for policy in ("interval", "ticks"):
    serial, threaded, releases, switches = run(policy)
    print(f"{policy:<9} {serial:9.3f} {threaded:10.3f} {threaded / serial:6.2f} {releases:9d} {switches:9d}")
gil.set_policy("interval")
