# Seed 001, 7.4.1: Process with info() and getppid (pids compared, not printed).
from multiprocessing import Process
import os
import time

MAIN = os.getpid()


def info(title):
    print("title:", title)
    print('parent process is main:', os.getppid() == MAIN)
    print('process id is new:', os.getpid() != MAIN)


def f(name):
    info('function f')
    print('hello', name)


if __name__ == '__main__':
    print("title:", 'main process line')
    time.sleep(0.1)
    print("------------------")
    p = Process(target=info, args=('yuan',))
    p.start()
    p.join()
    p = Process(target=f, args=('bob',))
    p.start()
    p.join()
    print(p.exitcode, p.is_alive())
