import gc, sys
saved = []

class Phoenix:
    def __init__(self, name): self.name = name
    def __del__(self):
        print('__del__', self.name)
        saved.append(self)

p = Phoenix('refcount')
del p
print('resurrected:', [s.name for s in saved])
saved.clear()           # __del__ ran once already: not called again
print('cleared')

q = Phoenix('cycle'); q.me = q
del q
print('collected', gc.collect())
print('resurrected:', [s.name for s in saved], gc.is_finalized(saved[0]))
s = saved.pop()
s.me = None
del s
print('freed without a second __del__')

class Node: pass
n = Node()
print(any(o is n for o in gc.get_objects()))
box = [1, 2]
print(any(o is box for o in gc.get_objects()), gc.is_tracked(box))
s = 'abc'
print(any(o is s for o in gc.get_objects()), gc.is_tracked(s))
gc.collect()
print('garbage', gc.garbage, len(gc.garbage))
print(gc.is_tracked({}), gc.is_tracked({'a': []}), gc.is_tracked(()), gc.is_tracked(([],)))
