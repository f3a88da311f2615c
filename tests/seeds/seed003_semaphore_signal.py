# Seed 003 (12.2): workers block on Semaphore(0) until main releases it,
# one worker per release.
import threading
import time

done = []
# Worker thread
def worker(n, sema):
    # Wait to be signaled
    sema.acquire()

    # Do some work
    done.append(n)

# Create some threads
sema = threading.Semaphore(0)
nworkers = 10
threads = []
for n in range(nworkers):
    t = threading.Thread(target=worker, args=(n, sema,))
    t.start()
    threads.append(t)

time.sleep(0.02)
print('before release:', done)
sema.release()
time.sleep(0.02)
print('after one release:', len(done))
sema.release()
time.sleep(0.02)
print('after two releases:', len(done))
for _ in range(nworkers - 2):
    sema.release()
for t in threads:
    t.join()
print(sorted(done))
print(sema.acquire(blocking=False), sema.acquire(timeout=0.01))
b = threading.BoundedSemaphore(1)
b.acquire(); b.release()
try:
    b.release()
except ValueError as e:
    print('ValueError:', e)
