# Seed 003, 12.1: a CountdownTask run by a thread-independent method in a Process.
import multiprocessing
import time


class CountdownTask:
    def __init__(self):
        self._running = True

    def terminate(self):
        self._running = False

    def run(self, n):
        while self._running and n > 0:
            print('T-minus', n)
            n -= 1
            time.sleep(0.01)


if __name__ == '__main__':
    c = CountdownTask()
    p = multiprocessing.Process(target=c.run, args=(3,))
    p.start()
    p.join()
    print(p.exitcode)
