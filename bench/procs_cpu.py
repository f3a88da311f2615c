# Two processes each counting down: the work that two threads cannot share
# under the GIL (report_procs.py prints the processes/serial ratio).
from multiprocessing import Process


def countdown(n):
    while n > 0:
        n -= 1


if __name__ == '__main__':
    N = 20000000
    ps = [Process(target=countdown, args=(N,)) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
