# Float arithmetic in a loop (a Monte-Carlo-free pi series).
def series(n):
    total = 0.0
    sign = 1.0
    for k in range(n):
        total += sign / (2.0 * k + 1.0)
        sign = -sign
    return 4.0 * total
print(round(series(8000000), 6))
