# The collector's cost on allocation-heavy code: alloc_objects.py and
# alloc_dicts.py timed with the collector enabled and disabled (best of 5,
# runs interleaved).  The goal is a difference under 5%.
import gc
import os
import time

here = os.path.dirname(os.path.abspath(__file__))


def load(name):
    ns = {'__name__': 'bench_' + name}
    with open(os.path.join(here, name + '.py')) as f:
        exec(compile(f.read(), name + '.py', 'exec'), ns)
    return ns['work']


def best(fn, enabled, runs=5):
    times = []
    for _ in range(runs):
        gc.collect()
        if enabled:
            gc.enable()
        else:
            gc.disable()
        t = time.perf_counter()
        fn(2000, 500)
        times.append(time.perf_counter() - t)
        gc.enable()
    return min(times)


for name in ('alloc_objects', 'alloc_dicts'):
    work = load(name)
    on = off = None
    for _ in range(2):
        t_on = best(work, True, 3)
        t_off = best(work, False, 3)
        on = t_on if on is None else min(on, t_on)
        off = t_off if off is None else min(off, t_off)
    print(f'{name:14s} gc enabled {on:.3f}s  disabled {off:.3f}s  '
          f'overhead {100 * (on - off) / off:+.1f}%')
