VALUE = 'helper loaded'
def double(x):
    return 2 * x
if __name__ == '__main__':
    print('not printed when imported')
