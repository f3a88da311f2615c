# Seed 001: LifoQueue order, then the commented-out PriorityQueue variant
# (`while 1` would block forever once empty: stop when the queue is empty).
import queue

#先进后出

q=queue.LifoQueue()

q.put(34)
q.put(56)
q.put(12)

while not q.empty():

  data=q.get()
  print(data)

#优先级
q=queue.PriorityQueue()
q.put([5,100])
q.put([7,200])
q.put([3,"hello"])
q.put([4,{"name":"alex"}])
while not q.empty():
  print(q.get())

q = queue.Queue(maxsize = 10)
q.put(10)
print(q.qsize(), q.empty(), q.full(), q.maxsize)
print(q.get())
try:
    q.get_nowait()
except queue.Empty:
    print('Empty')
try:
    q.get(True, 0.01)
except queue.Empty:
    print('Empty after timeout')
for i in range(10):
    q.put_nowait(i)
try:
    q.put(10, False)
except queue.Full:
    print('Full')
