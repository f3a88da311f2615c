"""Countdown: two CPU-bound loops run serially, then in two threads.

Shows: the GIL serialises Python bytecode, so two threads take about as
long as running the same work twice in one thread (seed 000's experiment).
Run:   ./gilpy examples/countdown_threads.py [N]
Expect: both times close to each other (threads within ~10% of serial).
"""
import sys
import time
from threading import Thread


def countdown(n):
    while n > 0:
        n -= 1


if __name__ == '__main__':
    N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000000

    s = time.time()
    for i in range(2):
        countdown(N)
    serial = time.time() - s
    print("serial  use time:", round(serial, 3))

    s = time.time()
    threads = []
    for i in range(2):
        thread = Thread(target=countdown, args=(N, ))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    threaded = time.time() - s
    print("threads use time:", round(threaded, 3))
    print("threads / serial: %.2f" % (threaded / serial))
