import gc
gc.disable()
class N: pass
for i in range(1000):
    a = N(); a.me = a
print('cycles left alone:', gc.collect() >= 900)
gc.enable()
print(gc.collect())
