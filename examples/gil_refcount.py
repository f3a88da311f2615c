"""Experiment 6: reference counts, the reason the GIL exists.

Every object carries a count of the references to it; binding a name, putting
it in a list or passing it to a function changes that count.  Two threads
changing the same count at once without a lock would corrupt it, so CPython
(and gilpy) let only the GIL holder touch objects.

Run:     ./gilpy examples/gil_refcount.py        (python3 prints the same)
Expect:  each line one more than the one before, then back down.
"""
import sys

x = object()
print(f"{'after':<26} {'getrefcount(x)':>14}")
print(f"{'x = object()':<26} {sys.getrefcount(x):14d}")
y = x
print(f"{'y = x':<26} {sys.getrefcount(x):14d}")
items = [x]
print(f"{'items = [x]':<26} {sys.getrefcount(x):14d}")
d = {"k": x}
print(f"{'d = {k: x}':<26} {sys.getrefcount(x):14d}")
del y, items, d
print(f"{'del y, items, d':<26} {sys.getrefcount(x):14d}")
print("(getrefcount's own argument adds one to every figure)")
