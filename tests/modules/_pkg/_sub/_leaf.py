__all__ = ['leaf', 'LEAF_CONST']
LEAF_CONST = 'leaf-const'
HIDDEN = 'not exported'
def leaf():
    from .. import _alpha           # relative import inside a function
    return 'leaf sees ' + _alpha.__name__
