"""What the diff benchmarks (bench.py, ab.py, memory.py) share: git's process on a case's files, the warm-up of a
service, and clients at once."""
import os
import subprocess
import threading
import time


def git(work, case):
    """Seconds `git diff --no-index --word-diff=porcelain` takes on a case's two files, as a process."""
    start = time.perf_counter()
    subprocess.run(["git", "diff", "--no-index", "--word-diff=porcelain", f"{case}.left", f"{case}.right"],
                   cwd=work, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def warm(request, seconds=None):
    """Calls request() for WARM_SECONDS (3 s; at least 3 calls, at most 1,000). A service runs for days: warm it long
    enough for the runtime to have promoted the hot paths to optimized code (tiered compilation promotes a method
    after 30 calls, in the background), not just for the pools."""
    seconds = float(os.environ.get("WARM_SECONDS", "3")) if seconds is None else seconds
    deadline = time.perf_counter() + seconds
    for calls in range(1000):
        request()
        if calls >= 2 and time.perf_counter() >= deadline:
            break


def at_once(one, count):
    """Runs one() on count threads at once and waits for all of them."""
    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
