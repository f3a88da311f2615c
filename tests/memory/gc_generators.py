# Generators: weak references, and the collector closes suspended ones.
import gc, weakref

def gen(box):
    try:
        yield 1
        yield 2
    finally:
        print("finally ran, box has", len(box), "item(s)")

gc.collect()

# weakref to a generator, dead when the generator is freed
g = gen([])
r = weakref.ref(g)
print(r() is g, weakref.getweakrefcount(g))
del g
print("dead:", r() is None)

# list -> generator -> frame -> list: a suspended generator in a cycle
box = []
it = gen(box)
box.append(it)
print(next(it))
wr = weakref.ref(it)
del box, it
print("collected:", gc.collect())
print("generator gone:", wr() is None)

# not started: no finally to run
box = []
it = gen(box)
box.append(it)
del box, it
print("collected (created):", gc.collect())

# finished: no frame left; the cycle is the list and the generator only
box = []
it = gen(box)
box.append(it)
print(list(it))
del box, it
print("collected (finished):", gc.collect())

# the generator refers to itself through an attribute-like holder
class Holder:
    pass
def selfref(h):
    try:
        yield h
    finally:
        print("selfref finally")
h = Holder()
h.it = selfref(h)
next(h.it)
del h
print("collected (holder):", gc.collect())

# a finally block that resurrects the generator's box
saved = []
def resurrect(box):
    try:
        yield
    finally:
        saved.append(box)
box = []
it = resurrect(box)
box.append(it)
next(it)
del box, it
print("collected (resurrect):", gc.collect(), len(saved), len(saved[0]))
saved.clear()
print("collected after:", gc.collect())

print(hasattr(g, "__del__") if (g := gen([])) else None)
del g
