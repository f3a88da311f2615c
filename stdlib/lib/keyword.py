"""Keywords (from the Python 3.11 grammar).

    iskeyword(s)      -> True if s is a keyword
    issoftkeyword(s)  -> True if s is a soft keyword (match, case, _)
"""

__all__ = ['iskeyword', 'issoftkeyword', 'kwlist', 'softkwlist']

kwlist = [
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await',
    'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
    'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
    'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
    'while', 'with', 'yield',
]

softkwlist = ['_', 'case', 'match']

_keywords = frozenset(kwlist)
_soft_keywords = frozenset(softkwlist)


def iskeyword(s):
    """Return True if s is a Python keyword."""
    return s in _keywords


def issoftkeyword(s):
    """Return True if s is a Python soft keyword."""
    return s in _soft_keywords
