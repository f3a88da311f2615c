from . import _circ_b
A = 'a'
