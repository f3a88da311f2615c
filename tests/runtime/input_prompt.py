import sys
name = input("Your name? ")
print("Hello,", name)
nums = [int(x) for x in input().split()]
print(sum(nums))
print(repr(sys.stdin.readline()))
for line in sys.stdin:
    print("line:", line.rstrip("\n"))
try:
    input("> ")
except EOFError as e:
    print("EOFError:", e)
