# check: stderr
print('never runs')
x = (1 +
if x:
    pass
