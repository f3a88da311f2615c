# The GIL lab's measured outcomes (issue 6), one row each.  Run it on both
# interpreters to see them side by side:
#     ./gilpy bench/report_gil_outcomes.py ; python3 bench/report_gil_outcomes.py
# python3 has no `gil` module: it measures the rows its own GIL can (the
# `interval` ones) and prints "-" for the rest.
import os, sys, threading, time

try:
    import gil
except ImportError:
    gil = None


def countdown(n):
    while n > 0:
        n -= 1


def spin(stop):
    n = 0
    while not stop:
        n += 1


def policy(name):
    if gil is None:
        return name == "interval"
    gil.set_policy(name)
    return True


# ---- convoy: 1000 short blocking calls beside one CPU-bound thread --------
def io_task(calls=1000):
    t0 = time.perf_counter()
    for _ in range(calls):
        time.sleep(0)
    return time.perf_counter() - t0


def convoy(name):
    if not policy(name):
        return None
    alone = min(io_task() for _ in range(3))
    best = None
    for _ in range(3):
        stop, out = [], []
        cpu = threading.Thread(target=spin, args=(stop,))
        cpu.start()
        time.sleep(0.01)
        io = threading.Thread(target=lambda: out.append(io_task()))
        io.start()
        io.join()
        stop.append(True)
        cpu.join()
        best = out[0] if best is None else min(best, out[0])
    return best / alone


# ---- two CPU-bound threads against serial ---------------------------------
N = 2_000_000


def threads_vs_serial(name):
    if not policy(name):
        return None
    ratios = []
    for _ in range(3):
        t0 = time.perf_counter(); countdown(N); countdown(N); serial = time.perf_counter() - t0
        ts = [threading.Thread(target=countdown, args=(N,)) for _ in range(2)]
        t0 = time.perf_counter()
        for t in ts: t.start()
        for t in ts: t.join()
        ratios.append((time.perf_counter() - t0) / serial)
    return sorted(ratios)[1]


# ---- fifo: four CPU-bound threads' shares of GIL time ---------------------
def fifo_shares():
    if gil is None:
        return None
    gil.set_policy("fifo")
    gil.reset_stats()
    stop = []
    ts = [threading.Thread(target=spin, args=(stop,), name=f"share-{i}") for i in range(4)]
    for t in ts: t.start()
    time.sleep(1.0)
    stop.append(True)
    for t in ts: t.join()
    held = [t["hold_total"] for t in gil.stats()["threads"] if t["name"].startswith("share-")]
    total = sum(held)
    return [100 * h / total for h in held]


# ---- cost of tracing -------------------------------------------------------
def two_threads():
    ts = [threading.Thread(target=countdown, args=(N,)) for _ in range(2)]
    t0 = time.perf_counter()
    for t in ts: t.start()
    for t in ts: t.join()
    return time.perf_counter() - t0


def trace_cost():
    if gil is None:
        return None
    gil.set_policy("interval")
    off, on = [], []
    for _ in range(5):
        off.append(two_threads())
        gil.trace_start("/tmp/gilpy-trace-cost.json")
        on.append(two_threads())
        gil.trace_stop()
    os.remove("/tmp/gilpy-trace-cost.json")
    return min(on) / min(off)


def fmt(v, f="%.2f"):
    return "-" if v is None else f % v


countdown(N)
impl = "gilpy" if gil else "python3"
print(f"GIL lab outcomes measured by {impl} ({os.cpu_count()} CPUs)")
print(f"{'measure':<44} {'value':>8}  target")
rows = [
    ("convoy, interval: I/O with CPU / alone", convoy("interval"), ">= 10x"),
    ("convoy, priority: I/O with CPU / alone", convoy("priority"), "<= 2x"),
    ("2 CPU threads / serial, ticks", threads_vs_serial("ticks"), "> 1 (slower)"),
    ("2 CPU threads / serial, interval", threads_vs_serial("interval"), "<= 1.10"),
]
for label, v, target in rows:
    print(f"{label:<44} {fmt(v):>8}  {target}")
shares = fifo_shares()
print(f"{'fifo, 4 CPU threads: share of GIL time %':<44} {'-' if shares is None else ' '.join('%.1f' % s for s in shares):>8}  each 22.5..27.5")
print(f"{'tracing on / off, 2 CPU threads':<44} {fmt(trace_cost()):>8}  <= 1.25")
if gil:
    gil.set_policy("interval")
