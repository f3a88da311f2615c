import sys, threading
print(sys.getswitchinterval())
sys.setswitchinterval(0.0001)
print(sys.getswitchinterval())
total = [0, 0]
def spin(i):
    for _ in range(200000):
        total[i] += 1
ts = [threading.Thread(target=spin, args=(i,)) for i in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print(total)
