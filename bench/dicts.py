# Dict insert / lookup / update with str and int keys.
def work(n):
    d = {}
    for i in range(n):
        d[i] = i * 2
    words = {}
    for i in range(n):
        k = 'k' + str(i % 1000)
        words[k] = words.get(k, 0) + 1
    total = 0
    for i in range(n):
        total += d[i]
    for k in list(d):
        if k % 3 == 0:
            del d[k]
    return total + len(d) + len(words)
print(work(2000000))
