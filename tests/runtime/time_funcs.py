import time
t0 = time.time(); m0 = time.monotonic(); p0 = time.perf_counter()
time.sleep(0.02)
print(time.time() - t0 >= 0.019, time.monotonic() - m0 >= 0.019, time.perf_counter() - p0 >= 0.019)
time.sleep(0)
print(type(time.time_ns()), type(time.monotonic_ns()), type(time.perf_counter_ns()), type(time.process_time()))
g = time.gmtime(1700000000)
print(g)
print(g.tm_year, g[1], len(g), g.tm_zone, time.gmtime(0).tm_wday)
print(time.strftime("%Y-%m-%d %H:%M:%S %a %b %j", g))
print(time.asctime(g))
print(time.struct_time((2024, 2, 29, 12, 0, 0, 3, 60, 0)))
print(time.strptime("2024-03-05 10:20", "%Y-%m-%d %H:%M"))
print(time.gmtime(-1.5))
for bad in [-1, "x", float("nan")]:
    try:
        time.sleep(bad)
    except Exception as e:
        print(type(e).__name__, e)
for bad in [lambda: time.strptime("x", "%Y"), lambda: time.strptime("2024x", "%Y"), lambda: time.struct_time((1, 2))]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(time.mktime(time.localtime(1000000)))
