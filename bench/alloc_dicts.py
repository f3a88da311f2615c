# Allocation-heavy: dicts holding lists and dicts (so the collector tracks
# them), built and dropped in batches, with a small set kept alive.
def work(rounds, n):
    kept = []
    total = 0
    for r in range(rounds):
        batch = [{'id': i, 'children': [], 'meta': {'r': r}} for i in range(n)]
        for d in batch:
            d['children'].append(d['id'])
            total += d['id'] + d['meta']['r']
        if r % 100 == 0:
            kept.append(batch[0])
    return total + len(kept)


if __name__ == '__main__':
    print(work(2000, 500))
