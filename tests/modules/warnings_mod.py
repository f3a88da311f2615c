# check: stderr
# warnings: default filters (DeprecationWarning only from __main__), once per
# location, stacklevel, actions, catch_warnings, the threading aliases.
import warnings
import threading
import _warn_helper

for i in range(3):
    warnings.warn("shown once: same line")
warnings.warn("a second line shows again")
warnings.warn(RuntimeWarning("an instance gives the category"))
warnings.warn("explicit", FutureWarning)
print(_warn_helper.old_api())      # attributed to this line of __main__: shown
print(_warn_helper.internal())     # attributed to the helper module: ignored
def caller():
    warnings.warn("from a function", stacklevel=1)
    warnings.warn("blamed on the caller", UserWarning, stacklevel=2)
caller()

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    for i in range(2):
        warnings.warn("recorded", SyntaxWarning)
    _warn_helper.internal()
    print(len(w), [str(m.message) for m in w], w[0].category.__name__,
          w[-1].category.__name__, w[0].lineno, w[0].filename == __file__)

with warnings.catch_warnings():
    warnings.simplefilter("error", UserWarning)
    try:
        warnings.warn("now an error")
    except UserWarning as e:
        print("raised:", repr(e))
    warnings.warn("other categories still print", ImportWarning)
    warnings.warn("pending", PendingDeprecationWarning)

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="noisy")
    warnings.warn("Noisy message: ignored by its prefix")
    warnings.warn("quiet message passes")
    warnings.simplefilter("ignore")
    warnings.warn("everything ignored")

print(warnings.formatwarning("msg", UserWarning, "file.py", 7, "  x = 1  "), end="")
print(issubclass(DeprecationWarning, Warning), issubclass(BytesWarning, Exception))
try:
    warnings.warn("bad", category=int)
except TypeError as e:
    print("TypeError:", e)

t = threading.current_thread()
print(t.getName(), t.isDaemon())
print(threading.currentThread() is t, threading.activeCount())
e = threading.Event()
print(e.isSet())
c = threading.Condition()
with c:
    c.notifyAll()
