# Two threads passing a token back and forth through two queues.
import threading, queue
def run(n):
    a, b = queue.Queue(), queue.Queue()
    def echo():
        for _ in range(n):
            b.put(a.get())
    t = threading.Thread(target=echo)
    t.start()
    for i in range(n):
        a.put(i)
        b.get()
    t.join()
run(20000)
