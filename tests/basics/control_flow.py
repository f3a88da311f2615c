for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    print(i, end=' ')
else:
    print('no break')
print()
for i in range(3):
    pass
else:
    print('loop finished', i)
n = 0
while n < 5:
    n += 1
    if n == 10:
        break
else:
    print('while else', n)
x = 7
if x < 5:
    print('small')
elif x < 10:
    print('medium')
else:
    print('large')
print('yes' if x > 5 else 'no')
print(1 and 2, 0 and 2, 0 or 3, None or 'default', not 0, not [1])
y = 0
while True:
    y += 1
    if y > 3: break
print(y)
for i, c in enumerate('ab', start=1):
    print(i, c)
for a, b in zip([1, 2, 3], 'xyz'):
    print(a, b, end=';')
print()
print(list(map(lambda v: v * 2, [1, 2])), list(filter(None, [0, 1, '', 'a'])), list(reversed([1, 2, 3])))
