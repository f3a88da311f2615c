import time
t0 = time.time(); m0 = time.monotonic(); p0 = time.perf_counter()
time.sleep(0.01)
print(time.time() - t0 >= 0.009, time.monotonic() - m0 >= 0.009, time.perf_counter() - p0 >= 0.009)
print(type(time.ctime()).__name__, len(time.ctime(0)) > 10)
time.sleep(0)
print(time.strftime('%Y', time.gmtime(0)), time.gmtime(86400).tm_mday)
