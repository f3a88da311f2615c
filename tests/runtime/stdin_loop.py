# A course-style filter: numbers read from standard input (input() until
# EOF, then the rest through sys.stdin), totals and a summary.
import sys
first = input('count? ')
print()
print('first line:', repr(first))
names = []
while True:
    try:
        line = input()
    except EOFError:
        print('EOF reached')
        break
    if line.strip() == 'END':
        break
    names.append(line.strip())
print(names)
rest = sys.stdin.readline()
print('readline:', repr(rest))
nums = [int(tok) for line in sys.stdin for tok in line.split()]
print(nums, sum(nums), max(nums, default=None))
print(repr(sys.stdin.read()), repr(sys.stdin.readline()))
try:
    input('> ')
except EOFError as e:
    print('EOFError', repr(str(e)))
