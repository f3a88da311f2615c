# 1,000,000 reference cycles: time and peak resident memory (the goal is
# under 50 MB: the collector must keep up with the garbage).
import gc
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _memory import peak_rss_mb


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


def churn(n):
    for i in range(n):
        a = Node(i)
        b = Node(i)
        a.other = b
        b.other = a


before = peak_rss_mb()
t = time.perf_counter()
churn(1_000_000)
elapsed = time.perf_counter() - t
print(f'1,000,000 cycles: {elapsed:.3f}s, peak RSS {peak_rss_mb():.1f} MB '
      f'(at start {before:.1f} MB), collections {gc.get_count()}')
