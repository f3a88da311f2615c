# Seed 001: a boss thread and five workers synchronised by one Event
# (sleeps scaled down from seconds; worker lines are identical, so their
# order does not matter).
import threading,time
_print_lock = threading.Lock()
def print(*args):
    # CPython writes the text and the newline separately: keep lines whole
    with _print_lock:
        __builtins__.print(*args)
class Boss(threading.Thread):
    def run(self):
        print("BOSS：今晚大家都要加班到22:00。")
        print(event.isSet())
        event.set()
        time.sleep(0.3)
        print("BOSS：<22:00>可以下班了。")
        print(event.isSet())
        event.set()
class Worker(threading.Thread):
    def run(self):
        event.wait()
        print("Worker：哎……命苦啊！")
        time.sleep(0.05)
        event.clear()
        event.wait()
        print("Worker：OhYeah!")
if __name__=="__main__":
    event=threading.Event()
    threads=[]
    for i in range(5):
        threads.append(Worker())
    threads.append(Boss())
    for t in threads:
        t.start()
    for t in threads:
        t.join()
