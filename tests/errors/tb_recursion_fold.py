# check: stderr
# Infinite recursion: RecursionError, and the repeated frames are folded.
import sys
sys.setrecursionlimit(200)
def down(n):
    return down(n + 1) + 1
down(0)
