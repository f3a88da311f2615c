# typesys: messages of the type system (CPython 3.11 wording)
def mask(s):
    out = []
    i = 0
    while i < len(s):
        if s.startswith('0x', i) and i + 2 < len(s) and s[i + 2] in '0123456789abcdef':
            j = i + 2
            while j < len(s) and s[j] in '0123456789abcdef':
                j += 1
            if j - i > 6:
                out.append('0xADDR')
                i = j
                continue
        out.append(s[i])
        i += 1
    return ''.join(out)
def t(f):
    try:
        r = f()
        print("OK", mask(repr(r)))
    except BaseException as e:
        print(type(e).__name__ + ":", mask(str(e)))
def mk(src):
    def f():
        ns = {}
        exec(src, ns)
        return ns.get('r')
    return f
t(mk("class A(bool): pass"))
t(mk("class A(int, str): pass"))
t(mk("class A: pass\nclass B(A, A): pass"))
t(mk("class M1(type): pass\nclass M2(type): pass\nclass A(metaclass=M1): pass\nclass B(metaclass=M2): pass\nclass C(A, B): pass"))
t(mk("class A:\n __slots__ = ('x', 1)"))
t(mk("class A:\n __slots__ = ('x',)\n x = 1"))
t(mk("class A:\n __slots__ = ('1x',)"))
t(mk("class A(tuple):\n __slots__ = ('x',)"))
t(mk("class A:\n __slots__=('__dict__',)\nclass B(A):\n __slots__=('__dict__',)"))
t(mk("class A:\n def __init__(self): return 5\nA()"))
t(mk("class A:\n def __len__(self): return -1\nlen(A())"))
t(mk("class A:\n def __len__(self): return 'a'\nlen(A())"))
t(mk("class A:\n def __len__(self): return 2**70\nlen(A())"))
t(mk("class A:\n def __bool__(self): return 1\nbool(A())"))
t(mk("class A:\n def __hash__(self): return 'x'\nhash(A())"))
t(mk("class A:\n def __repr__(self): return 5\nrepr(A())"))
t(mk("class A:\n def __str__(self): return 5\nstr(A())"))
t(mk("class A:\n def __index__(self): return 'a'\n[1][A()]"))
t(mk("class A:\n def __int__(self): return 'a'\nint(A())"))
t(mk("class A:\n def __float__(self): return 1\nfloat(A())"))
t(mk("class A:\n def __iter__(self): return 5\niter(A())"))
t(mk("class A:\n __iter__ = None\niter(A())"))
t(mk("class A:\n __hash__ = None\nhash(A())"))
t(mk("class A:\n def __format__(self, s): return 1\nformat(A())"))
t(mk("class A:\n def __getattr__(self, n):\n  raise AttributeError(n)\nA().x"))
t(mk("class A:\n def __getattribute__(self, n):\n  return n * 2\nr = A().ab"))
t(mk("class A:\n def __setattr__(self, n, v):\n  object.__setattr__(self, n, v * 2)\na=A(); a.x = 2; r = a.x"))
t(mk("class A:\n def __delattr__(self, n):\n  print('del', n)\na=A(); del a.x"))
t(mk("class A:\n pass\na=A(); del a.x"))
t(mk("class A:\n def __init_subclass__(cls, x):\n  cls.x = x\nclass B(A, x=3): pass\nr = B.x"))
t(mk("class A:\n def __init_subclass__(cls, x):\n  cls.x = x\nclass B(A): pass"))
t(mk("class M(type):\n @classmethod\n def __prepare__(m, n, b, **k):\n  return {'pre': 1}\nclass A(metaclass=M): pass\nr = A.pre"))
t(mk("class A:\n x = 1\nr = A.__dict__['x']"))
t(mk("class A:\n pass\nA.__dict__['x'] = 1"))
t(mk("r = type('X', (int,), {})(5) + 1"))
t(mk("r = type.__new__(type, 'X', (), {})"))
t(mk("class A:\n def f(self): return super().f()\nA().f()"))
t(mk("class A:\n def __eq__(s, o): return NotImplemented\nr = (A() == A(), A() != A())"))
t(mk("class A:\n def __lt__(s, o): return NotImplemented\nA() < A()"))
t(mk("class A:\n def __lt__(s, o): return 'lt'\nclass B:\n def __gt__(s, o): return 'gt'\nr = (A() < B(), B() < A(), B() > A())"))
t(mk("class A:\n def __contains__(s, x): return 0\nr = 1 in A()"))
t(mk("class A:\n def __call__(s): pass\nclass B(A):\n __call__ = None\nB()()"))
t(mk("r = [object.__eq__(1, 1), object.__ne__(1, 2), object.__lt__(1, 2)]"))
t(mk("class A:\n def __del__(self): pass\nr = A.__del__"))
t(mk("class A:\n @staticmethod\n def s(): return 's'\nr = (A.s(), A().s(), A.__dict__['s'])"))
t(mk("class A:\n def m(self): pass\nr = (A.m, A().m.__func__ is A.m)"))
