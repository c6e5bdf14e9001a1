#!/usr/bin/env python3
"""fstree.py N DIR: an approximation of the file system's share of a
full build, without revpack: makes DIR/people/<one folder per person>/
with four 17 KB files in each, written in place (a full build's person
files: scorecard, coaching summary, form, packet; revpack also writes
the manager and group files, about 21 KB per file on average, each
under a temporary name then renamed) and prints the wall, user and
system time. Run it for 10,000 and
100,000 on a quiet machine, one after the other and with no large
deletion in the half minute before (ext4 without a journal scans past
recently deleted inodes), to see how the file system alone scales
between the two sizes the bench compares (src/README.md, "The
figures")."""
import os
import sys
import time


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: fstree.py N DIR")
    n, root = int(sys.argv[1]), sys.argv[2]
    data = b"x" * 17000
    t0, c0 = time.perf_counter(), os.times()
    os.makedirs(os.path.join(root, "people"))
    for i in range(n):
        d = os.path.join(root, "people", "p-%06d" % i)
        os.mkdir(d)
        for f in ("scorecard.pdf", "coaching.pdf", "form.pdf", "packet.pdf"):
            fd = os.open(os.path.join(d, f), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.write(fd, data)
            os.close(fd)
    c1 = os.times()
    print("%d people: %.1f s wall, %.1f s user, %.1f s system" % (
        n, time.perf_counter() - t0, c1.user - c0.user, c1.system - c0.system))


if __name__ == "__main__":
    main()
