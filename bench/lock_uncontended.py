# Uncontended Lock acquire/release (with-statement and explicit calls).
import threading
lock = threading.Lock()
def run(n):
    for _ in range(n):
        with lock:
            pass
        lock.acquire()
        lock.release()
run(3000000)
