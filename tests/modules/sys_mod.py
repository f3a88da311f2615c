import sys
print(sys.argv[1:], type(sys.argv[0]).__name__)
print(sys.version_info[0], sys.version_info.major, sys.platform, sys.maxsize, sys.byteorder)
print(type(sys.path).__name__, 'sys' in sys.modules, sys.getrecursionlimit())
print(sys.getswitchinterval())
sys.setswitchinterval(0.001); print(sys.getswitchinterval())
for bad in [0, -1, 'x']:
    try:
        sys.setswitchinterval(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
a = []
b = a
print(sys.getrefcount(a))
sys.stdout.write('direct write\n'); sys.stdout.flush()
print(sys.stdin is not None, sys.stderr is not None)
