# Seed 003 (12.3): a thread-safe priority queue from a Condition and heapq;
# a consumer blocks in get() until the producer has put everything.
import heapq
import threading

class PriorityQueue:
    def __init__(self):
        self._queue = []
        self._count = 0
        self._cv = threading.Condition()
    def put(self, item, priority):
        with self._cv:
            heapq.heappush(self._queue, (-priority, self._count, item))
            self._count += 1
            self._cv.notify()

    def get(self):
        with self._cv:
            while len(self._queue) == 0:
                self._cv.wait()
            return heapq.heappop(self._queue)[-1]

q = PriorityQueue()
got = []
def consumer():
    while True:
        item = q.get()
        if item is None:
            break
        got.append(item)

gate = threading.Lock()
gate.acquire()
for item, pri in [('low', 1), ('high', 5), ('mid', 3), ('mid2', 3), ('top', 9)]:
    q.put(item, pri)
t = threading.Thread(target=consumer)
t.start()
q.put(None, -1)
t.join()
print(got)

# get() waits for a put from another thread
q2 = PriorityQueue()
def later():
    q2.put('late', 0)
threading.Timer(0.02, later).start()
print(q2.get())
