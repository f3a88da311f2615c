import gc
gc.collect()
class Node:
    def __init__(self):
        self.other = None
a = Node(); b = Node(); a.other = b; b.other = a
del a, b
print('instances cycle:', gc.collect() >= 2)
l = []; l.append(l); del l
print('list cycle:', gc.collect())
d = {}; d['self'] = d; del d
print('dict cycle:', gc.collect())
def make_closure_cycle():
    def inner():
        return inner
    return inner
f = make_closure_cycle(); del f
print('closure cycle collected:', gc.collect() > 0)
class Container:
    pass
c = Container(); c.items = [c, {'c': c}]; del c
print('mixed cycle collected:', gc.collect() >= 3)
print(gc.isenabled(), gc.get_threshold())
gc.disable(); print(gc.isenabled()); gc.enable()
print(gc.is_tracked([]), gc.is_tracked(1), gc.is_tracked('s'), gc.is_tracked({}))
print(type(gc.get_count()).__name__, len(gc.get_count()), type(gc.get_objects()).__name__)
