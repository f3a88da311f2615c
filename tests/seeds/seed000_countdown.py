# Seed 000: countdown run twice serially, then in two threads (count scaled
# down; the times vary, so only their sanity is printed).
import time
from threading import Thread

def countdown(n):
    while n > 0:
        n -= 1

N = 300000

if __name__ == '__main__':
    s = time.time()
    for i in range(2):
        countdown(N)
    serial = time.time() - s
    print("use time:", serial > 0)

    s = time.time()
    threads = []
    for i in range(2):
        thread = Thread(target=countdown, args=(N, ))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    threaded = time.time() - s
    print("use time:", threaded > 0)
    print(all(not t.is_alive() for t in threads))
