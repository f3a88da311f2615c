# Seed 000: the countdown in two processes (small N; the time is not printed).
from multiprocessing import Process
import time


def countdown(n):
    while n > 0:
        n -= 1


if __name__ == '__main__':
    s = time.time()
    processes = []
    for i in range(2):
        process = Process(target=countdown, args=(100000, ))
        processes.append(process)
        process.start()
    for process in processes:
        process.join()
    print("use time < 5s:", time.time() - s < 5, [p.exitcode for p in processes])
