#!/usr/bin/env python3
"""Checks that compare.py's rules can fail.
Timing: the committed duplicate-syn capture with the kernel's retransmitted SYN (and all
after it) moved later. 50 ms after a 1 s wait is within the timer wheel's slack (a late
timer, explained); 120 ms is not (a difference).
Duplicates: the committed time-wait-assassination capture holds the harness's copy of the
server's FIN (explained, left out); without it, the comparator must report the copy missing.
usage: compare_selftest.py SYNACK_CLI OUT_DIR
"""
import os
import shutil
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def shifted(src, dst, after_s, by_s):
    """A copy of a pcap whose frames after after_s seconds (from the first) are by_s later."""
    data = bytearray(open(src, 'rb').read())
    assert struct.unpack('<I', data[:4])[0] == 0xa1b2c3d4, 'expected a little-endian microsecond pcap'
    off, first = 24, None
    while off + 16 <= len(data):
        sec, usec, incl, _ = struct.unpack('<IIII', data[off:off + 16])
        t = sec + usec * 1e-6
        first = t if first is None else first
        if t - first > after_s:
            t += by_s
            struct.pack_into('<II', data, off, int(t), round((t - int(t)) * 1e6))
        off += 16 + incl
    open(dst, 'wb').write(data)


def without_copies(src, dst):
    """A copy of a pcap without the frames that repeat an earlier frame byte for byte."""
    data = open(src, 'rb').read()
    out, off, seen = bytearray(data[:24]), 24, set()
    while off + 16 <= len(data):
        incl = struct.unpack('<I', data[off + 8:off + 12])[0]
        frame = data[off + 16:off + 16 + incl]
        if frame not in seen:
            out += data[off:off + 16 + incl]
        seen.add(frame)
        off += 16 + incl
    open(dst, 'wb').write(out)
    return len(data) - len(out)


def main():
    cli, out = sys.argv[1], sys.argv[2]
    scenario = os.path.join(HERE, 'scenarios', 'duplicate-syn.toml')
    failures = 0
    for by_ms, want_rc, want_text in ((50, 0, 'ms late after a 1000 ms wait'), (120, 1, 'DIFF conn 1: time of SYN')):
        kdir = os.path.join(out, f'late-{by_ms}ms')
        os.makedirs(kdir, exist_ok=True)
        for f in ('KERNEL', 'duplicate-syn.states.jsonl'):
            shutil.copy(os.path.join(HERE, 'kernel', f), kdir)
        shifted(os.path.join(HERE, 'kernel', 'duplicate-syn.pcap'), os.path.join(kdir, 'duplicate-syn.pcap'),
                0.5, by_ms / 1000)
        r = subprocess.run([sys.executable, os.path.join(HERE, 'compare.py'), cli, kdir, kdir, scenario],
                           capture_output=True, text=True)
        ok = r.returncode == want_rc and want_text in r.stdout
        print(f"kernel's retransmitted SYN {by_ms} ms late: exit {r.returncode}, "
              f"{'as expected' if ok else f'expected exit {want_rc} and {want_text!r}'}")
        if not ok:
            print(r.stdout)
            failures += 1
    scenario = os.path.join(HERE, 'scenarios', 'time-wait-assassination.toml')
    kdir = os.path.join(out, 'no-copy')
    os.makedirs(kdir, exist_ok=True)
    for f in ('KERNEL', 'time-wait-assassination.states.jsonl'):
        shutil.copy(os.path.join(HERE, 'kernel', f), kdir)
    removed = without_copies(os.path.join(HERE, 'kernel', 'time-wait-assassination.pcap'),
                             os.path.join(kdir, 'time-wait-assassination.pcap'))
    for kd, want_rc, want_text in ((os.path.join(HERE, 'kernel'), 0, 'a copy of the FIN,ACK of server'),
                                   (kdir, 1, 'holds no copy of the frame')):
        r = subprocess.run([sys.executable, os.path.join(HERE, 'compare.py'), cli, kd, kdir, scenario],
                           capture_output=True, text=True)
        ok = removed > 0 and r.returncode == want_rc and want_text in r.stdout
        print(f"time-wait-assassination {'as recorded' if kd != kdir else 'without the copy'}: exit {r.returncode}, "
              f"{'as expected' if ok else f'expected exit {want_rc} and {want_text!r}'}")
        if not ok:
            print(r.stdout)
            failures += 1
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
