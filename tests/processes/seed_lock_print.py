# Seed 001, 7.7: Lock-protected printing from ten processes
# (`with l.acquire():` fixed to `with l:`, output sorted).
from multiprocessing import Process, Lock
from _capture import sorted_output


def f(l, i):
    with l:
        print('hello world %s' % i)


def main():
    lock = Lock()
    ps = []
    for num in range(10):
        p = Process(target=f, args=(lock, num))
        p.start()
        ps.append(p)
    for p in ps:
        p.join()


if __name__ == '__main__':
    sorted_output(main)
