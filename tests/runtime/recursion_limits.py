# Recursion limits: the default, lowering and raising it, catching
# RecursionError and carrying on, mutual recursion, recursion in __repr__.
import sys
print(sys.getrecursionlimit())
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
d1 = depth(0)
print(900 < d1 <= 1000)
sys.setrecursionlimit(100)
d2 = depth(0)
print(50 < d2 <= 100, sys.getrecursionlimit())
sys.setrecursionlimit(5000)
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(len(str(fact(1000))), fact(3000) > 0)
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(2000), is_odd(2001))
sys.setrecursionlimit(1000)
class Node:
    def __init__(self):
        self.child = self
    def __repr__(self):
        return 'Node(%r)' % (self.child,)
try:
    repr(Node())
except RecursionError as e:
    print('RecursionError:', str(e).startswith('maximum recursion depth exceeded'))
l = []
l.append(l)
print(l, {'self': l})
for bad in (0, -5):
    try:
        sys.setrecursionlimit(bad)
    except ValueError as e:
        print('ValueError:', e)
try:
    sys.setrecursionlimit('x')
except TypeError as e:
    print('TypeError:', e)
def boom():
    boom()
try:
    boom()
except RecursionError as e:
    print('caught:', e)
print('still running', fact(10))
