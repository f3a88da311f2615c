# Report: the countdown twice serially vs in two processes (and two threads),
# with the processes/serial ratio the processes issue targets (<= 0.6 on 2 cores).
import time
from multiprocessing import Process
from threading import Thread


def countdown(n):
    while n > 0:
        n -= 1


def two(kind, n):
    ws = [kind(target=countdown, args=(n,)) for _ in range(2)]
    t0 = time.perf_counter()
    for w in ws:
        w.start()
    for w in ws:
        w.join()
    return time.perf_counter() - t0


if __name__ == '__main__':
    N = 20000000
    countdown(N // 10)
    t0 = time.perf_counter()
    countdown(N)
    countdown(N)
    serial = time.perf_counter() - t0
    threads = two(Thread, N)
    procs = two(Process, N)
    print('procs_cpu: serial %.3fs, 2 threads %.3fs, 2 processes %.3fs, processes/serial %.2f'
          % (serial, threads, procs, procs / serial))
