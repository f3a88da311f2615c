import threading
b = threading.Barrier(3, timeout=5)
print(b.parties, b.n_waiting, b.broken)
ids = []
def w():
    ids.append(b.wait())
ts = [threading.Thread(target=w) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(ids))
b2 = threading.Barrier(2)
b2.abort()
try:
    b2.wait()
except threading.BrokenBarrierError:
    print('BrokenBarrierError', b2.broken)
fired = []
t = threading.Timer(0.01, fired.append, args=['fired'])
t.start(); t.join(); print(fired)
t2 = threading.Timer(10, fired.append, args=['never'])
t2.start(); t2.cancel(); t2.join(); print(fired)
