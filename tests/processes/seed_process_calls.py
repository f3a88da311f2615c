# Seed 001, 7.4.1/7.4.2: Process with a target, a Process subclass, and is_alive/pid
# in children (sleeps shortened, output sorted).
from multiprocessing import Process
import time
from _capture import sorted_output


def f(name):
    time.sleep(0.1)
    print('hello', name)


class MyProcess(Process):
    def __init__(self):
        super(MyProcess, self).__init__()

    def run(self):
        time.sleep(0.1)
        print('hello', self.name)


def foo(i):
    time.sleep(0.05)
    print(p.is_alive(), i, p.pid is not None)


def way1():
    p_list = []
    for i in range(3):
        p = Process(target=f, args=('alvin',))
        p_list.append(p)
        p.start()
    for i in p_list:
        i.join()


def way2():
    p_list = []
    for i in range(3):
        p = MyProcess()
        p.start()
        p_list.append(p)
    for p in p_list:
        p.join()


def is_alive_demo():
    global p
    p_list = []
    for i in range(5):
        p = Process(target=foo, args=(i,))
        p_list.append(p)
    for p in p_list:
        p.start()
    for p in p_list:
        p.join()


if __name__ == '__main__':
    sorted_output(way1)
    print('end')
    sorted_output(way2)
    print('end')
    sorted_output(is_alive_demo)
    print('main process end')
