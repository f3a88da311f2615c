# The gil module's run-time API: policies, errors, statistics' shape.
import gil, sys, threading

print(gil.POLICIES)
print(gil.policy())
for p in gil.POLICIES:
    gil.set_policy(p)
    print(p, gil.policy())
gil.set_policy("interval")
try:
    gil.set_policy("round-robin")
except ValueError as e:
    print("ValueError:", e)
try:
    gil.set_policy(3)
except TypeError as e:
    print("TypeError")

print(sys.getcheckinterval())
sys.setcheckinterval(50)
print(sys.getcheckinterval(), gil.checkinterval())
print(gil.checkinterval(100), sys.getcheckinterval())
try:
    sys.setcheckinterval(0)
except ValueError as e:
    print("ValueError:", e)

def work():
    n = 0
    for i in range(1000):
        n += i

t = threading.Thread(target=work, name="worker")
t.start()
t.join()
s = gil.stats()
print(sorted(s))
print(type(s["switches"]).__name__, type(s["drop_requests"]).__name__,
      type(s["wall_time"]).__name__, type(s["switch_interval"]).__name__, s["policy"])
names = [th["name"] for th in s["threads"]]
print("MainThread" in names, "worker" in names)
th = s["threads"][0]
print(sorted(th))
print(all(isinstance(th[k], int) for k in ("ident", "acquisitions", "forced_drops", "blocking_releases")))
print(all(isinstance(th[k], float) and th[k] >= 0 for k in ("hold_total", "hold_max", "wait_total", "wait_max")))
gil.reset_stats()
s = gil.stats()
print(s["switches"], s["drop_requests"], "worker" in [t["name"] for t in s["threads"]])
