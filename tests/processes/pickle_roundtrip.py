# pickle: round trips of every supported kind, shared/recursive structures, CPython error messages
import pickle, sys
class P:
    def __init__(self, x): self.x = x
    def __eq__(self, o): return type(o) is P and o.x == self.x
    def __repr__(self): return 'P(%r)' % (self.x,)
class E(Exception):
    def __init__(self, a): super().__init__(a); self.code = 3
def f(): return 1
vals = [None, True, False, 0, -1, 2**70, -2**100, 1.5, float('inf'), 'héllo', b'\x00b', bytearray(b'xy'),
        (1, (2, 3)), [1, [2]], {'a': 1, 2: [3]}, {1, 2}, frozenset({3}), P(5), P([P(1)]), P, int, type(None),
        range(1, 10, 2), slice(1, 2), Ellipsis, NotImplemented, len, ValueError('x', 2), sys.maxsize, -sys.maxsize-1]
print(pickle.loads(pickle.dumps(f)) is f)
for v in vals:
    w = pickle.loads(pickle.dumps(v))
    print(repr(w), w == v or w is v)
e = pickle.loads(pickle.dumps(E(7)))
print(type(e).__name__, e.args, e.code)
l = [1]; l.append(l); d = {'l': l}; l2 = pickle.loads(pickle.dumps([d, d]))
print(l2[0] is l2[1], l2[0]['l'][1] is l2[0]['l'])
import collections
od = collections.OrderedDict([(1, 2), (3, 4)]); print(pickle.loads(pickle.dumps(od)))
dd = collections.defaultdict(list); dd[1].append(2); print(pickle.loads(pickle.dumps(dd)))
print(pickle.loads(pickle.dumps(collections.Counter('abca'))))
Pt = collections.namedtuple('Pt', 'x y')
print(pickle.loads(pickle.dumps(Pt(1, 2))))
import _thread, io
def outer():
    def g(): pass
    return g
for o in (_thread.allocate_lock(), _thread.RLock(), sys.stdout, (x for x in []), sys, outer(), lambda: 0):
    try: pickle.dumps(o); print('no error', o)
    except Exception as ex: print(type(ex).__module__, type(ex).__name__, str(ex).split(' at 0x')[0])
try: pickle.loads(b'junk')
except Exception as ex: print(type(ex).__name__, ex)
try: pickle.loads(pickle.dumps([1,2,3])[:-3])
except Exception as ex: print(type(ex).__name__, ex)
import io
b = io.BytesIO(); pickle.dump([1], b); pickle.dump('two', b); b.seek(0)
print(pickle.load(b), pickle.load(b))
