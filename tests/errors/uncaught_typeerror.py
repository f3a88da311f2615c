def averager():
    total = 0.0
    while True:
        term = yield total
        total += term
a = averager(); next(a); a.send(1)
a.send('spam')
