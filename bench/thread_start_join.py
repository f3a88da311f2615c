# Start and join many short threads.
import threading
def work():
    pass
for _ in range(10000):
    t = threading.Thread(target=work)
    t.start()
    t.join()
