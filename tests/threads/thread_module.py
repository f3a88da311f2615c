import _thread, time
lock = _thread.allocate_lock()
done = []
def f(a, b=0):
    with lock:
        done.append(a + b)
_thread.start_new_thread(f, (1,), {'b': 2})
_thread.start_new_thread(f, (10,))
for _ in range(100):
    if len(done) == 2:
        break
    time.sleep(0.01)
print(sorted(done), type(_thread.get_ident()).__name__, _thread.TIMEOUT_MAX > 1e6)
print(isinstance(lock, _thread.LockType), _thread.error is RuntimeError)
print(_thread.stack_size(), _thread.stack_size(65536), _thread.stack_size())
_thread.stack_size(0)
