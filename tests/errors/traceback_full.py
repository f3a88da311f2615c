# check: stderr
def inner():
    raise ValueError('deep problem')
def outer():
    inner()
print('before')
outer()
