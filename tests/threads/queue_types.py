import queue, threading
q = queue.Queue(maxsize=2)
q.put(1); q.put(2)
print(q.full(), q.qsize(), q.empty(), q.maxsize)
try:
    q.put_nowait(3)
except queue.Full:
    print('Full')
print(q.get(), q.get_nowait())
try:
    q.get(block=False)
except queue.Empty:
    print('Empty')
lq = queue.LifoQueue(); [lq.put(i) for i in range(3)]; print([lq.get() for _ in range(3)])
pq = queue.PriorityQueue()
for item in [(3, 'low'), (1, 'high'), (2, 'mid')]:
    pq.put(item)
print([pq.get()[1] for _ in range(3)])
sq = queue.SimpleQueue(); sq.put('x'); print(sq.get(), sq.empty())
q2 = queue.Queue()
q2.put(1); q2.get(); q2.task_done()
try:
    q2.task_done()
except ValueError as e:
    print('ValueError:', e)
results = []
def worker():
    while True:
        item = q2.get()
        if item is None:
            q2.task_done()
            break
        results.append(item * item)
        q2.task_done()
ws = [threading.Thread(target=worker) for _ in range(3)]
for w in ws: w.start()
for i in range(20): q2.put(i)
for _ in ws: q2.put(None)
q2.join()
for w in ws: w.join()
print(sorted(results))
try:
    queue.Queue().get(timeout=0.01)
except queue.Empty:
    print('timed out Empty')
