import gc
gc.collect()
class Node:
    def __init__(self):
        self.other = None
a = Node(); b = Node(); a.other = b; b.other = a
del a, b
print('instances cycle:', gc.collect())
l = []; l.append(l); del l
print('list cycle:', gc.collect())
d = {}; d['self'] = d; del d
print('dict cycle:', gc.collect())
def make_closure_cycle():
    def inner():
        return inner
    return inner
f = make_closure_cycle(); del f
print('closure cycle:', gc.collect())
class Container:
    pass
c = Container(); c.items = [c, {'c': c}]; del c
print('mixed cycle:', gc.collect())
c = Container(); c.__dict__; c.me = c; del c
print('materialised __dict__ cycle:', gc.collect())
t = ([],); t[0].append(t); del t
print('tuple cycle:', gc.collect())
h = Container(); h.s = {h}; del h
print('set cycle:', gc.collect())
class M:
    def m(self): pass
m = M(); m.bm = m.m; del m
print('bound method cycle:', gc.collect())
class Flag:
    def __del__(self):
        print('generator cycle freed')
def gen(box, flag):
    yield box
box = []; g = gen(box, Flag()); box.append(g); next(g); del g, box
gc.collect()
print('after generator cycle')
print(gc.isenabled(), gc.get_threshold())
gc.disable(); print(gc.isenabled()); gc.enable()
print(gc.is_tracked([]), gc.is_tracked(1), gc.is_tracked('s'), gc.is_tracked({}))
print(type(gc.get_count()).__name__, len(gc.get_count()), type(gc.get_objects()).__name__)
