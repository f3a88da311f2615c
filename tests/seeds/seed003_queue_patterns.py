# Seed 003 (12.3): sentinel shutdown, task_done()/join(), an Event per item,
# non-blocking and timed get/put.
import queue
from queue import Queue
from threading import Thread, Event

# Object that signals shutdown
_sentinel = object()

# A thread that produces data
def producer(out_q):
    for data in range(5):
        out_q.put(data)
    # Put the sentinel on the queue to indicate completion
    out_q.put(_sentinel)

results = []
# A thread that consumes data
def consumer(in_q):
    while True:
        # Get some data
        data = in_q.get()

        # Check for termination
        if data is _sentinel:
            in_q.put(_sentinel)
            break
        results.append(data * data)

q = Queue()
consumers = [Thread(target=consumer, args=(q,)) for _ in range(2)]
t2 = Thread(target=producer, args=(q,))
for c in consumers: c.start()
t2.start()
for c in consumers: c.join()
t2.join()
print(sorted(results), q.qsize())

# task_done / join
done = []
def worker(in_q):
    while True:
        data = in_q.get()
        done.append(data)
        # Indicate completion
        in_q.task_done()

q = Queue()
t1 = Thread(target=worker, args=(q,), daemon=True)
t1.start()
for i in range(10):
    q.put(i)
# Wait for all produced items to be consumed
q.join()
print('joined', sorted(done))
try:
    q.task_done()
except ValueError as e:
    print('ValueError:', e)

# An event per item: the producer waits until the consumer processed it
def ev_producer(out_q):
    for data in 'abc':
        evt = Event()
        out_q.put((data, evt))
        # Wait for the consumer to process the item
        evt.wait()
        print('processed', data)
    out_q.put((None, None))

def ev_consumer(in_q):
    while True:
        data, evt = in_q.get()
        if evt is None:
            break
        print('consuming', data)
        evt.set()

q = Queue()
ts = [Thread(target=ev_consumer, args=(q,)), Thread(target=ev_producer, args=(q,))]
for t in ts: t.start()
for t in ts: t.join()

q = queue.Queue(1)
try:
    data = q.get(block=False)
except queue.Empty:
    print('Empty')
q.put('item', block=False)
try:
    q.put('item', block=False)
except queue.Full:
    print('queued item %r discarded!' % 'item')
try:
    q.put('x', timeout=0.01)
except queue.Full:
    print('Full after timeout')
print(q.get(timeout=5.0))
try:
    data = q.get(timeout=0.01)
except queue.Empty:
    print('Empty after timeout')
