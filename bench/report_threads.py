# Reports (not timed by the runner): the GIL's cost for CPU-bound threads,
# 1000 sleeping threads with a small stack, and — on gilpy — the mean time a
# thread holds the GIL before a forced switch at several switch intervals.
import sys, threading, time

def countdown(n):
    while n > 0:
        n -= 1

N = 10000000
countdown(N)                      # warm up (CPython specialises after a few runs)
t0 = time.perf_counter(); countdown(N); countdown(N); serial = time.perf_counter() - t0
ts = [threading.Thread(target=countdown, args=(N,)) for _ in range(2)]
t0 = time.perf_counter()
for t in ts: t.start()
for t in ts: t.join()
threaded = time.perf_counter() - t0
print('threads_cpu: serial %.3fs, 2 threads %.3fs, threads/serial %.2f' % (serial, threaded, threaded / serial))

threading.stack_size(65536)
stop = threading.Event()
sleepers = [threading.Thread(target=stop.wait) for _ in range(1000)]
t0 = time.perf_counter()
for t in sleepers: t.start()
alive = threading.active_count()
stop.set()
for t in sleepers: t.join()
threading.stack_size(0)
print('1000 sleeping threads: %d alive at once, all joined in %.3fs' % (alive - 1, time.perf_counter() - t0))

try:
    import gil
except ImportError:
    gil = None
if gil is not None:
    for interval in (0.001, 0.005, 0.020):
        sys.setswitchinterval(interval)
        gil.reset_stats()
        ts = [threading.Thread(target=countdown, args=(N * 2,)) for _ in range(2)]
        for t in ts: t.start()
        for t in ts: t.join()
        st = gil.stats()
        holds = [th['hold_mean_forced'] for th in st['threads'] if th['forced_drops']]
        mean = sum(holds) / len(holds) if holds else 0.0
        print('switch interval %4.1f ms: mean hold before a forced switch %.2f ms (%.0f%% of the interval), %d switches'
              % (interval * 1e3, mean * 1e3, 100 * mean / interval, st['switches']))
    sys.setswitchinterval(0.005)
