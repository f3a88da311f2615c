import atexit
def show(*args, **kw):
    print("atexit", args, kw)
atexit.register(show, 1)
atexit.register(show, 2, key="v")
def boom():
    raise ValueError("in callback")
atexit.register(boom)
atexit.register(show, 3)
atexit.unregister(boom)
@atexit.register
def last():
    print("registered last, runs first")
print("main done")
