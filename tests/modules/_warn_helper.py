import warnings

def old_api():
    warnings.warn("old_api() is deprecated", DeprecationWarning, stacklevel=2)
    return 1

def internal():
    warnings.warn("internal deprecation", DeprecationWarning)
    return 2
