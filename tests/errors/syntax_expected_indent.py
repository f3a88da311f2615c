# check: stderr
def f():
return 1
