import heapq
h = []
for x in [5, 1, 8, 3, 2, 9]:
    heapq.heappush(h, x)
print(h, [heapq.heappop(h) for _ in range(3)], h)
data = [7, 2, 9, 4]; heapq.heapify(data); print(data)
print(heapq.nlargest(2, [1, 5, 3, 8]), heapq.nsmallest(2, [1, 5, 3, 8]))
pq = []
heapq.heappush(pq, (2, 'write')); heapq.heappush(pq, (1, 'read')); heapq.heappush(pq, (3, 'close'))
while pq:
    print(heapq.heappop(pq))
print(list(heapq.merge([1, 4], [2, 3])))
