import sys
print(sys.argv[1:], type(sys.argv[0]))
print(sys.version_info[:2] == (3, 11), sys.version_info.major, sys.version_info > (3, 0), sys.version.startswith("3.11"))
print(sys.platform, sys.maxsize == 2**63 - 1, sys.byteorder, sys.maxunicode)
print(type(sys.path), type(sys.modules), "sys" in sys.modules, "builtins" in sys.builtin_module_names)
print(sys.getrecursionlimit())
sys.setrecursionlimit(500); print(sys.getrecursionlimit())
for bad in [0, "x"]:
    try:
        sys.setrecursionlimit(bad)
    except Exception as e:
        print(type(e).__name__, e)
print(sys.getswitchinterval())
sys.setswitchinterval(0.0001); print(sys.getswitchinterval())
for bad in [0, -1, "x"]:
    try:
        sys.setswitchinterval(bad)
    except Exception as e:
        print(type(e).__name__, e)
print(sys.exc_info(), sys.exception())
try:
    raise KeyError("k")
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), tb is not None, sys.exception() is v)
print(sys.exc_info())
print(sys.intern("hello") == "hello", sys.getdefaultencoding(), sys.getfilesystemencoding())
print(sys.stdin.name, sys.stdout.name, sys.stderr.name, sys.stdout.mode, sys.stdin.mode)
print(sys.__stdout__ is sys.stdout, sys.stdout.encoding, sys.stderr.errors)
print(sys.flags.optimize, sys.flags.dont_write_bytecode in (0, 1), sys.float_info.dig, sys.float_info.epsilon)
print(sys.dont_write_bytecode in (True, False), sys.warnoptions, type(sys._xoptions))
print(sys.getrefcount(None) > 10, sys.is_finalizing())
try:
    sys.exit(1, 2)
except TypeError as e:
    print(e)
try:
    sys.exit(5)
except SystemExit as e:
    print("SystemExit", e.code, e.args)
