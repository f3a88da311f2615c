import os
path = '/tmp/gilpy_test_file.txt'
with open(path, 'w') as f:
    print(f.write('line one\n'), f.write('第二行\n'))
    f.writelines(['three\n', 'four\n'])
with open(path) as f:
    print(f.readline(), end='')
    print(f.read())
with open(path, 'a') as f:
    f.write('five\n')
with open(path) as f:
    for i, line in enumerate(f):
        print(i, line.rstrip())
with open(path, 'rb') as f:
    data = f.read(); print(type(data).__name__, len(data), data[:4])
with open(path, 'wb') as f:
    f.write(b'\x00\x01bin')
print(open(path, 'rb').read(), os.path.exists(path))
lines = open(path, 'r').readlines(); print(lines)
os.remove(path)
print(os.path.exists(path))
try:
    open('/nonexistent/dir/x.txt')
except FileNotFoundError as e:
    print('FileNotFoundError:', e)
f = open('/tmp/gilpy_closed.txt', 'w'); f.close()
try:
    f.write('x')
except ValueError as e:
    print('ValueError:', e)
