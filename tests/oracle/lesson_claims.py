#!/usr/bin/env python3
"""Every course lesson that tells the learner what Linux does has a kernel-oracle
scenario that runs that claim on the kernel: a tests/oracle/scenarios/*.toml whose
header says `# lesson: ID` (ID the lesson file's name without .toml). oracle.compare and
oracle.kernel then hold synack's `linux` profile to the kernel on it.
usage: lesson_claims.py LESSONS_DIR SCENARIOS_DIR
"""
import os
import re
import sys


def main():
    lessons, scenarios = sys.argv[1], sys.argv[2]
    covered = {}
    for f in sorted(os.listdir(scenarios)):
        if f.endswith('.toml'):
            with open(os.path.join(scenarios, f)) as fh:
                for m in re.finditer(r'^# lesson: (\S+)$', fh.read(), re.M):
                    covered.setdefault(m.group(1), []).append(f)
    missing = 0
    for f in sorted(os.listdir(lessons)):
        if not f.endswith('.toml'):
            continue
        lid = f[:-5]
        with open(os.path.join(lessons, f)) as fh:
            claims = [n for n, line in enumerate(fh, 1) if re.search(r'\bLinux\b', line)]
        if not claims:
            continue
        if lid in covered:
            print(f"{f}: Linux named on line(s) {', '.join(map(str, claims))}; on the kernel in {', '.join(covered[lid])}")
        else:
            print(f"{f}: Linux named on line(s) {', '.join(map(str, claims))}, but no oracle scenario says "
                  f"'# lesson: {lid}'")
            missing += 1
    for lid in covered:
        if not os.path.exists(os.path.join(lessons, lid + '.toml')):
            print(f"{', '.join(covered[lid])}: '# lesson: {lid}' names no lesson in {lessons}")
            missing += 1
    sys.exit(1 if missing else 0)


if __name__ == '__main__':
    main()
