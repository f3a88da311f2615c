# Without -X gilchecks=every a bare `counter += 1` loses no updates (3.11),
# while a call between the read and the write does; a lock fixes it.
import threading

counter = 0
lock = threading.Lock()

def ident(x):
    return x

def bare(n):
    global counter
    for _ in range(n):
        counter += 1

def locked(n):
    global counter
    for _ in range(n):
        with lock:
            counter = ident(counter) + 1

for fn in (bare, locked):
    counter = 0
    ts = [threading.Thread(target=fn, args=(200000,)) for _ in range(2)]
    for t in ts: t.start()
    for t in ts: t.join()
    print(fn.__name__, counter)
