# Seed 001: two threads pop from a shared list without a lock; one of them
# loses each race and prints the ValueError.  Lines are gathered and sorted.
import threading,time

li=[1,2,3,4,5]
lines = []
def print(*args):
    lines.append(' '.join(map(str, args)))

def pri():
    while li:
        a=li[-1]
        print(a)
        time.sleep(0.02)
        try:
            li.remove(a)
        except Exception as e:
            print('----',a,e)

t1=threading.Thread(target=pri,args=())
t1.start()
t2=threading.Thread(target=pri,args=())
t2.start()
t1.join(); t2.join()
import builtins
for line in sorted(set(lines)):
    builtins.print(line)
