# Seed 003 (12.1): start a countdown thread, poll is_alive, join; then a
# daemon thread; then the CountdownTask that is told to terminate.
import time
def countdown(n):
    while n > 0:
        print('T-minus', n)
        n -= 1
        time.sleep(0.01)
# Create and launch a thread
from threading import Thread
t = Thread(target=countdown, args=(3,))
t.start()
time.sleep(0.005)
if t.is_alive():
    print('Still running')
else:
    print('Completed')
t.join()
if t.is_alive():
    print('Still running')
else:
    print('Completed')

t = Thread(target=countdown, args=(2,), daemon=True)
print(t.daemon)
t.start()
t.join()

class CountdownTask:
    def __init__(self):
        self._running = True

    def terminate(self):
        self._running = False

    def run(self, n):
        while self._running and n > 0:
            print('T-minus', n)
            n -= 1
            time.sleep(0.05)

c = CountdownTask()
t = Thread(target=c.run, args=(10,))
t.start()
time.sleep(0.07)
c.terminate() # Signal termination
t.join() # Wait for actual termination (if needed)
print('terminated', t.is_alive())

class CountdownThread(Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
    def run(self):
        while self.n > 0:

            print('T-minus', self.n)
            self.n -= 1
            time.sleep(0.005)

c = CountdownThread(3)
c.start()
c.join()
print(c.n)
