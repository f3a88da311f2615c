import sys
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20), fact(50))
def depth(n):
    return depth(n + 1)
try:
    depth(0)
except RecursionError as e:
    print('RecursionError:', e)
print(sys.getrecursionlimit())
sys.setrecursionlimit(100)
def down(n):
    return 0 if n == 0 else down(n - 1)
try:
    down(200)
except RecursionError:
    print('limit 100 hit')
sys.setrecursionlimit(1000)
print(down(500))
def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves); moves.append((a, c)); hanoi(n - 1, b, a, c, moves)
m = []; hanoi(5, 'A', 'B', 'C', m); print(len(m), m[:3])
