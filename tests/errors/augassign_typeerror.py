t = 1.0
t += 'str'
