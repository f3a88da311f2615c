name = input('name? ')
print('hello', name)
n = int(input())
print(n * 2)
try:
    input()
except EOFError as e:
    print('EOFError:', e)
