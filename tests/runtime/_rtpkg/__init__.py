from ._mod_a import VALUE_A
from . import _mod_b
INIT = "init"
