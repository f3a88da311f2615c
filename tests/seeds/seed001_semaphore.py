# Seed 001: 100 threads, at most 5 inside the semaphore at once.  Names are
# gathered and printed sorted; the peak occupancy is checked.
import threading,time
names = []
inside = [0]
peak = [0]
class myThread(threading.Thread):
    def run(self):
        if semaphore.acquire():
            inside[0] += 1
            peak[0] = max(peak[0], inside[0])
            names.append(self.name)
            time.sleep(0.005)
            inside[0] -= 1
            semaphore.release()
if __name__=="__main__":
    semaphore=threading.Semaphore(5)
    thrs=[]
    for i in range(100):
        thrs.append(myThread())
    for t in thrs:
        t.start()
    for t in thrs:
        t.join()
    names.sort(key=lambda n: int(n.split('-')[1]))
    print(len(names), names[:3], names[-1])
    print('peak <= 5:', peak[0] <= 5)
