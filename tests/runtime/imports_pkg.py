import sys
import _rtpkg
print(_rtpkg.VALUE_A, _rtpkg.INIT, _rtpkg._mod_b.VALUE_B)
import _rtpkg._sub._deep as deep
print(deep.DEEP, deep.__name__, deep.__package__)
from _rtpkg import _mod_a, _mod_b as mb
print(_mod_a is sys.modules["_rtpkg._mod_a"], mb.VALUE_B)
import _rtpkg_sibling
print(sorted(k for k in sys.modules if k.startswith("_rtpkg")))
print(_rtpkg.__path__[0].endswith("_rtpkg"), _rtpkg.__file__.endswith("__init__.py"), _rtpkg.__package__)
for bad in ["import no_such_module_xyz", "from _rtpkg import nothing_here", "import _rtpkg._nothing", "import _rtpkg_sibling.sub", "from . import x"]:
    try:
        exec(bad, {"__name__": "__main__"})
    except ImportError as e:
        print(type(e).__name__, e, getattr(e, "name", None) if type(e) is ModuleNotFoundError else "")
m = __import__("_rtpkg._sub._deep")
print(m.__name__, __import__("_rtpkg._sub._deep", fromlist=["DEEP"]).__name__)
print(__name__, type(__builtins__).__name__)
