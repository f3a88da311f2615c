print('init _pkg._alpha', __name__, __package__)
COUNT = 0
def greet(who):
    global COUNT
    COUNT += 1
    return 'hello %s (%d)' % (who, COUNT)
if __name__ == '__main__':
    print('never printed on import')
