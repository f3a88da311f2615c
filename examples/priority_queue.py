"""A thread-safe PriorityQueue built from a Condition and heapq (seed 003).

Run:   ./gilpy examples/priority_queue.py
Expect: items come out by priority, highest first.
"""
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
results = []


def consumer(n):
    for _ in range(n):
        results.append(q.get())


c = threading.Thread(target=consumer, args=(4,))
c.start()
for item, prio in [('low', 1), ('high', 5), ('medium', 3), ('urgent', 9)]:
    q.put(item, prio)
c.join()
print('received (arrival order depends on timing):', sorted(results))
q2 = PriorityQueue()
for item, prio in [('low', 1), ('high', 5), ('medium', 3), ('urgent', 9)]:
    q2.put(item, prio)
print('by priority:', [q2.get() for _ in range(4)])
