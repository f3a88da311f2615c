# Seed 003 (12.2): a PeriodicTimer built on a Condition; two threads wait for
# its ticks (interval scaled down; each thread's lines are gathered).
import threading
import time

class PeriodicTimer:
    def __init__(self, interval):
        self._interval = interval
        self._flag = 0
        self._cv = threading.Condition()

    def start(self):
        t = threading.Thread(target=self.run)
        t.daemon = True

        t.start()

    def run(self):
        '''
        Run the timer and notify waiting threads after each interval
        '''
        while True:
            time.sleep(self._interval)
            with self._cv:
                self._flag ^= 1
                self._cv.notify_all()

    def wait_for_tick(self):
        '''
        Wait for the next tick of the timer
        '''
        with self._cv:
            last_flag = self._flag
            while last_flag == self._flag:
                self._cv.wait()

# Example use of the timer
ptimer = PeriodicTimer(0.01)
ptimer.start()

out = {'down': [], 'up': []}
# Two threads that synchronize on the timer
def countdown(nticks):
    while nticks > 0:
        ptimer.wait_for_tick()
        out['down'].append('T-minus %d' % nticks)
        nticks -= 1

def countup(last):
    n = 0
    while n < last:
        ptimer.wait_for_tick()
        out['up'].append('Counting %d' % n)
        n += 1

ts = [threading.Thread(target=countdown, args=(10,)),
      threading.Thread(target=countup, args=(5,))]
for t in ts: t.start()
for t in ts: t.join()
print(out['down'])
print(out['up'])
