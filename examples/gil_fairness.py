"""Experiment 9: fairness.  Eight spinning threads; what share of the GIL does each get?

Under `interval` a released GIL goes to whichever waiter the OS wakes first,
so shares drift away from 1/8; under `fifo` the GIL goes to the longest
waiter and each thread gets its eighth.

Run:     ./gilpy examples/gil_fairness.py
         ./gilpy -X gil=fifo -X giltrace=build/fairness.svg examples/gil_fairness.py
Expect:  `interval` shares spread around 12.5%; `fifo` shares within a point
         of it.  (python3: shares measured by loop iterations, interval only.)
"""
import threading
import time

try:
    import gil
except ImportError:
    gil = None

THREADS = 8
SECONDS = 0.8


def spin(start, stop, counts, i):
    start.wait()
    n = 0
    while not stop:
        n += 1
    counts[i] = n


def shares(policy):
    if gil:
        gil.set_policy(policy)
    start, stop, counts = threading.Barrier(THREADS + 1), [], [0] * THREADS
    ts = [threading.Thread(target=spin, args=(start, stop, counts, i), name=f"spin-{i}")
          for i in range(THREADS)]
    for t in ts:
        t.start()
    start.wait()             # measure only while all eight compete
    if gil:
        gil.reset_stats()
    time.sleep(SECONDS)
    stop.append(True)
    for t in ts:
        t.join()
    if gil:
        held = {t["name"]: t["hold_total"] for t in gil.stats()["threads"]}
        amounts = [held.get(f"spin-{i}", 0.0) for i in range(THREADS)]
    else:
        amounts = counts
    total = sum(amounts) or 1
    return [100 * a / total for a in amounts]


policies = ("interval", "fifo") if gil else ("interval",)
print(f"{'policy':<9} " + " ".join(f"{'t' + str(i):>5}" for i in range(THREADS)) + f" {'min':>5} {'max':>5}")
for policy in policies:
    s = shares(policy)
    print(f"{policy:<9} " + " ".join(f"{x:5.1f}" for x in s) + f" {min(s):5.1f} {max(s):5.1f}")
if gil:
    gil.set_policy("interval")
