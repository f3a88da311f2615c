import threading
data = threading.local()
data.value = 'main'
out = []
def worker(n):
    data.value = n
    out.append((n, data.value, hasattr(data, 'other')))
ts = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(out), data.value)
