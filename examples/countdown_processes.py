"""Countdown: two CPU-bound loops in two threads, then in two processes.

Shows: each process has its own interpreter and its own GIL, so two
processes run the countdowns on two cores at once and take about half the
time of two threads, which the GIL serialises (seed 000's experiment:
11.9 s with threads, 5.9 s with processes on CPython).
Run:   ./gilpy examples/countdown_processes.py [N]
Expect: processes / threads around 0.5-0.6 on a machine with 2+ cores.
"""
import sys
import time
from multiprocessing import Process
from threading import Thread


def countdown(n):
    while n > 0:
        n -= 1


def run_two(kind, n):
    workers = [kind(target=countdown, args=(n, )) for _ in range(2)]
    s = time.time()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.time() - s


if __name__ == '__main__':
    N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000000
    countdown(N // 10)      # warm up

    threaded = run_two(Thread, N)
    print("threads   use time:", round(threaded, 3))
    processes = run_two(Process, N)
    print("processes use time:", round(processes, 3))
    print("processes / threads: %.2f" % (processes / threaded))
