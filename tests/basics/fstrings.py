name = "gil"; n = 42; pi = 3.14159
print(f"{name} {n} {pi:.2f} {n:5d}| {n:<5}| {n:^7}| {name!r} {n*2}")
print(f"{{literal}} {n:#x} {n:08b} {1234567:,} {0.25:%} {pi:e} {pi:10.3f}|")
print(f"{'nested'} {[1, 2][0]} {dict(a=1)['a']} {n if n > 10 else 0}")
width = 10
print(f"{name:>{width}}|{pi:.{3}f}")
x = 5
print(f"{x=}", f"{x = }", f"{pi=:.1f}")
print(f"{-42:+d} {42:+d} {3.0:g} {1e20:g} {12345.6789:.3g} {0.000012345:g}")
print(f"{'abc':*^9} {255:X} {-1.5:08.2f} {7:03}")
