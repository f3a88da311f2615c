# Seed 003 (12.10): a generator as an actor; close() raises GeneratorExit at
# the yield, caught inside the loop body.
def print_actor():
    while True:

        try:
            msg = yield      # Get a message
            print('Got:', msg)
        except GeneratorExit:
            print('Actor terminating')
            break

# Sample use
p = print_actor()
next(p)     # Advance to the yield (ready to receive)
p.send('Hello')
p.send('World')
p.close()

# Without the break the generator would yield again after GeneratorExit.
def stubborn_actor():
    while True:
        try:
            msg = yield
            print('Got:', msg)
        except GeneratorExit:
            print('Actor terminating')

p = stubborn_actor()
next(p)
p.send('Hello')
try:
    p.close()
except RuntimeError as e:
    print('RuntimeError:', e)
