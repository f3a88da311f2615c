"""Test helper: run code whose child processes print, then show the lines sorted.

fd 1 is redirected to a pipe while fn() runs (children inherit it), so the
nondeterministic interleaving of several processes becomes a sorted list.
"""
import os
import sys


def sorted_output(fn, *args):
    sys.stdout.flush()
    r, w = os.pipe()
    saved = os.dup(1)
    os.dup2(w, 1)
    os.close(w)
    try:
        fn(*args)
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
    data = b''
    while True:
        chunk = os.read(r, 65536)
        if not chunk:
            break
        data += chunk
    os.close(r)
    for line in sorted(data.decode().splitlines()):
        print(line)
