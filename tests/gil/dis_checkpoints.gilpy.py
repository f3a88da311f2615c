# dis marks the check points where the GIL can change hands.
import dis

counter = 0

def bump():
    global counter
    while counter < 10:
        counter += 1

ins = dis.get_instructions(bump)
print([i.opname for i in ins if i.is_checkpoint])
print([i.opname for i in ins if i.is_jump_target])
print(ins[0].offset, ins[0].starts_line, type(ins[0]).__name__)
dis.dis("x = f(1)")
try:
    dis.dis(42)
except TypeError as e:
    print("TypeError:", e)
