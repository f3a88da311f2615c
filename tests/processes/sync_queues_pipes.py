# Process-shared primitives across processes, queue variants and their errors,
# one-way pipes, EOF, child error reporting and exit codes.
import multiprocessing as mp
import os, sys, time, queue, signal
from _capture import sorted_output


def sem_worker(sem, counter, lock, i):
    with sem:
        with lock:
            counter.value += 1


def cond_worker(cond, ev, results):
    with cond:
        cond.wait_for(lambda: ev.is_set(), 2)
        results.put('woken')


def barrier_worker(b, q):
    q.put(b.wait(2))


def jq_worker(jq, out):
    while True:
        item = jq.get()
        if item is None:
            jq.task_done()
            break
        out.put(item * 2)
        jq.task_done()


def raiser():
    raise KeyError('missing')


def exiter(code):
    sys.exit(code)


if __name__ == '__main__':
    # Semaphore + Value + Lock
    sem, counter, lock = mp.Semaphore(2), mp.Value('i', 0), mp.Lock()
    ps = [mp.Process(target=sem_worker, args=(sem, counter, lock, i)) for i in range(6)]
    for p in ps: p.start()
    for p in ps: p.join()
    print('counter', counter.value, sem.get_value())
    # RLock re-entry, BoundedSemaphore over-release, Lock non-blocking
    r = mp.RLock()
    print(r.acquire(), r.acquire(), r.release(), r.release())
    b = mp.BoundedSemaphore(1)
    try:
        b.release()
    except ValueError as e:
        print('ValueError', e)
    l = mp.Lock()
    print(l.acquire(), l.acquire(False), l.acquire(timeout=0.01))
    l.release()
    try:
        mp.RLock().release()
    except AssertionError as e:
        print('AssertionError', e)
    # Condition + Event
    cond, ev, results = mp.Condition(), mp.Event(), mp.Queue()
    ps = [mp.Process(target=cond_worker, args=(cond, ev, results)) for _ in range(3)]
    for p in ps: p.start()
    time.sleep(0.1)
    with cond:
        ev.set()
        cond.notify_all()
    print(sorted(results.get(timeout=2) for _ in range(3)))
    for p in ps: p.join()
    print(ev.is_set(), ev.wait(0.01))
    ev.clear()
    print(ev.is_set(), ev.wait(0.01))
    # Barrier
    bar, q = mp.Barrier(3), mp.Queue()
    ps = [mp.Process(target=barrier_worker, args=(bar, q)) for _ in range(3)]
    for p in ps: p.start()
    print(sorted(q.get() for _ in range(3)), bar.parties, bar.broken)
    for p in ps: p.join()
    # JoinableQueue
    jq, out = mp.JoinableQueue(), mp.Queue()
    w = mp.Process(target=jq_worker, args=(jq, out))
    w.start()
    for i in range(5):
        jq.put(i)
    jq.put(None)
    jq.join()
    print(sorted(out.get() for _ in range(5)))
    w.join()
    try:
        jq.task_done()
    except ValueError as e:
        print('ValueError', e)
    # bounded Queue, Empty/Full, qsize
    bq = mp.Queue(2)
    bq.put(1); bq.put(2)
    print(bq.qsize(), bq.full())
    try:
        bq.put(3, timeout=0.01)
    except queue.Full:
        print('Full')
    print(bq.get(), bq.get_nowait())
    try:
        bq.get(timeout=0.01)
    except queue.Empty:
        print('Empty')
    try:
        bq.get_nowait()
    except queue.Empty:
        print('Empty nowait')
    # large items go through the feeder thread
    big = mp.Queue()
    big.put('x' * 100000); big.put(list(range(10000)))
    print(len(big.get()), sum(big.get()))
    sq = mp.SimpleQueue()
    sq.put({'a': (1, 2)}); print(sq.empty(), sq.get(), sq.empty())
    # one-way pipe, poll, EOF, bytes
    rd, wr = mp.Pipe(duplex=False)
    print(rd.poll(), rd.readable, rd.writable, wr.readable, wr.writable)
    wr.send_bytes(b'abcdef', 2, 3)
    print(rd.poll(0.5), rd.recv_bytes())
    try:
        rd.send(1)
    except OSError as e:
        print('OSError', e)
    wr.close()
    try:
        rd.recv()
    except EOFError:
        print('EOFError')
    try:
        wr.send(1)
    except OSError as e:
        print('OSError', e)
    # exit codes, child errors on stderr
    saved = os.dup(2)
    rfd, wfd = os.pipe()
    os.dup2(wfd, 2); os.close(wfd)
    p = mp.Process(target=raiser); p.start(); p.join()
    os.dup2(saved, 2); os.close(saved)
    err = os.read(rfd, 65536).decode().splitlines()
    print(p.exitcode, err[0], err[-1])
    for code in (0, 3, None):
        p = mp.Process(target=exiter, args=(code,)); p.start(); p.join(); print('exit', code, p.exitcode)
    p = mp.Process(target=time.sleep, args=(5,), name='sleeper', daemon=True)
    print(p.name, p.daemon, p.is_alive(), p.exitcode)
    p.start(); print(p.is_alive()); p.kill(); p.join(); print(p.exitcode, p.is_alive())
    p = mp.Process(target=time.sleep, args=(5,)); p.start(); p.join(0.05); print(p.exitcode)
    p.terminate(); p.join(); print(p.exitcode)
    try:
        p.start()
    except AssertionError as e:
        print('AssertionError', e)
    print(mp.active_children(), mp.current_process().name, mp.parent_process())
    import pickle
    try:
        pickle.dumps(mp.Lock())
    except RuntimeError as e:
        print('RuntimeError', e)
