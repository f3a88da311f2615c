from . import _mod_a
from ._sub._deep import DEEP
VALUE_B = _mod_a.VALUE_A + "+b"
