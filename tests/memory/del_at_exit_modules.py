# Objects held in imported modules get their __del__ run at exit (after
# __main__'s globals are cleared), once the program's threads are done.
import sys, types, threading
m = types.ModuleType("helper")
exec("""
class Res:
    def __init__(self, name): self.name = name
    def __del__(self): print("Res.__del__", self.name)
held = Res("held in module")
cycle = Res("in a cycle")
cycle.me = cycle
""", m.__dict__)
sys.modules["helper"] = m
del m
t = threading.Thread(target=lambda: print("thread ran"))
t.start()
t.join()
print("end of program")
