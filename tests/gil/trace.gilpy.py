# gil.trace_start/trace_stop write Chrome trace JSON or an SVG timeline.
import gil, os, threading, time

def work():
    n = 0
    for i in range(20000):
        n += i
    time.sleep(0.001)

def traced(path):
    gil.trace_start(path)
    ts = [threading.Thread(target=work) for _ in range(2)]
    for t in ts: t.start()
    for t in ts: t.join()
    gil.trace_stop()
    with open(path) as f:
        text = f.read()
    os.remove(path)
    return text

j = traced("/tmp/gilpy-test-trace.json")
print(j.startswith('{"displayTimeUnit"'), '"traceEvents"' in j, j.rstrip().endswith("]}"))
print('"ph": "X"' in j, '"holds GIL"' in j, '"thread_name"' in j, '"sleep"' in j)
print(j.count("{") == j.count("}"), j.count("[") == j.count("]"))
s = traced("/tmp/gilpy-test-trace.svg")
print(s.startswith("<svg"), s.rstrip().endswith("</svg>"), "holds the GIL" in s, "policy interval" in s)
try:
    gil.trace_stop()
except RuntimeError as e:
    print("RuntimeError:", e)
gil.trace_start("/tmp/gilpy-test-trace2.json")
try:
    gil.trace_start("/tmp/gilpy-test-trace3.json")
except RuntimeError as e:
    print("RuntimeError:", e)
gil.trace_stop()
os.remove("/tmp/gilpy-test-trace2.json")
gil.trace_start("/nonexistent-dir/x.json")
try:
    gil.trace_stop()
except OSError as e:
    print(type(e).__name__, e.errno)
