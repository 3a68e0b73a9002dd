#!/usr/bin/env python3
"""Records what the kernel's TCP does in a synack scenario (needs root).

For each scenario: two fresh network namespaces joined by a veth pair (offloads off
with ethtool, static ARP, IPv6 off), the sysctls the scenario's [tcp] settings name set
in each namespace, the scenario's [[fault]] drops as one-shot nftables rules at the
receiver, dumpcap on the first host's end of the veth, and kernel_app.py playing each
host's [[action]]s. Writes OUT/NAME.pcap (headers only) and OUT/NAME.states.jsonl, and
OUT/KERNEL (uname -r and the TCP sysctls left at their defaults).

How a [[fault]] becomes nftables: a rule in the receiving namespace's prerouting hook
(packet taps run before it, so the capture still shows the dropped frame, as synack's
capture at the sender does). `from` picks the sender's addresses, `match` the TCP flags
(and, for data / ack, the payload length from ip length and tcp doff). `nth = N` is a
pair of token buckets that never refill in the run: `limit rate 1/day burst N-1
packets accept` lets the first N-1 matching packets through, then `limit rate 1/day
burst 1 packets drop` takes the next one and no other. Several faults on the same
sender and match share one chain of such buckets. `after` / `before` add / delete the
rule at that moment. `percent` uses `numgen random` (not the same frames as synack's
seeded choice; the harness's scenarios use nth instead).
A `duplicate` fault (nth, amount) is duplicate.py in the sender's namespace: a packet
socket on its veth end that sends a copy of the nth matching frame `amount` after it;
the copies are logged in NAME.states.jsonl (`duplicate_of`, `sent`).
usage: record.py OUT SCENARIO...
"""
import json
import os
import signal
import subprocess
import sys
import threading
import time
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from kernel_app import seconds, members  # noqa: E402

# synack's [tcp] key -> (sysctl, how the value is written)
SYSCTLS = {
    'syn_retries': ('net.ipv4.tcp_syn_retries', int),
    'synack_retries': ('net.ipv4.tcp_synack_retries', int),
    'data_retries': ('net.ipv4.tcp_retries2', int),
    'keepalive_idle': ('net.ipv4.tcp_keepalive_time', lambda v: max(1, round(seconds(v)))),
    'keepalive_interval': ('net.ipv4.tcp_keepalive_intvl', lambda v: max(1, round(seconds(v)))),
    'keepalive_probes': ('net.ipv4.tcp_keepalive_probes', int),
    'timestamps': ('net.ipv4.tcp_timestamps', int),
    'sack': ('net.ipv4.tcp_sack', int),
    'window_scaling': ('net.ipv4.tcp_window_scaling', int),
}
DEFAULTS = ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem', 'net.ipv4.tcp_early_retrans', 'net.ipv4.tcp_ecn',
            'net.ipv4.tcp_adv_win_scale', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_min_rtt_wlen']
# What the course's lessons say of Linux's defaults, checked in a namespace made afresh
# (each network namespace starts from the kernel's built-in values, whatever the machine
# has set): sysctl -> (the lesson that says it, the value it says).
LESSON_DEFAULTS = {
    'net.ipv4.tcp_synack_retries': ('04-lost-third-ack', 5),
}
FLAGS = {
    'syn': 'tcp flags & (syn|ack) == syn',
    'syn-ack': 'tcp flags & (syn|ack) == syn|ack',
    'fin': 'tcp flags & fin == fin',
    'rst': 'tcp flags & rst == rst',
    'any': '',
}


def sh(*args, check=True, **kw):
    return subprocess.run(list(args), check=check, capture_output=True, text=True, **kw)


def match_exprs(match):
    """nft expressions for synack's match names; data and ack need one rule per doff."""
    if match in FLAGS:
        return [FLAGS[match]]
    out = []
    for doff in range(5, 16):
        hdr = 20 + 4 * doff
        if match == 'data':
            out.append(f'tcp doff {doff} ip length > {hdr}')
        elif match == 'ack':
            out.append(f'tcp flags & (syn|ack|fin|rst) == ack tcp doff {doff} ip length {hdr}')
    return out


def tcp_config(scn, host):
    cfg = {}
    for table in (scn.get('tcp', {}), next(h for h in scn['host'] if h['name'] == host).get('tcp', {})):
        if table.get('profile') == 'linux':
            cfg.update(timestamps=True, sack=True, window_scaling=True)
        elif table.get('profile') == 'rfc':
            cfg.update(timestamps=False, sack=True, window_scaling=True)
        cfg.update({k: v for k, v in table.items() if k != 'profile'})
    return cfg


def record(out, path):
    name = os.path.splitext(os.path.basename(path))[0]
    with open(path, 'rb') as f:
        scn = tomllib.load(f)
    hosts = [h['name'] for h in scn['host']]
    if len(hosts) != 2:
        raise SystemExit(f'{path}: the kernel harness joins two [[host]] tables by one veth, this has {len(hosts)}')
    tag = f'{os.getpid() % 10000}'
    ns = {h: f'oracle{tag}-{i}' for i, h in enumerate(hosts)}
    dev = {h: f'or{tag}v{i}' for i, h in enumerate(hosts)}
    mac = {h: f'02:00:00:00:00:{i + 1:02x}' for i, h in enumerate(hosts)}
    ips = {h: members(scn, h) for h in hosts}
    procs = []
    try:
        for h in hosts:
            sh('ip', 'netns', 'add', ns[h])
        a, b = hosts
        sh('ip', 'link', 'add', dev[a], 'netns', ns[a], 'address', mac[a], 'type', 'veth',
           'peer', 'name', dev[b], 'netns', ns[b], 'address', mac[b])
        for h in hosts:
            peer = b if h == a else a

            def run(*args, h=h):
                return sh('ip', 'netns', 'exec', ns[h], *args)
            run('sysctl', '-qw', f'net.ipv6.conf.{dev[h]}.disable_ipv6=1')
            # The stock Linux receive buffer limits (this machine may differ): the window
            # scale a host announces follows the largest (7 for 6 MB).
            run('sysctl', '-qw', 'net.ipv4.tcp_rmem=4096 131072 6291456')
            run('sysctl', '-qw', 'net.ipv4.tcp_wmem=4096 16384 4194304')
            run('sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1')
            run('ip', 'link', 'set', 'lo', 'up')
            for ip in ips[h]:
                run('ip', 'addr', 'add', f'{ip}/32', 'dev', dev[h])
            run('ip', 'link', 'set', dev[h], 'up')
            run('ip', 'route', 'add', 'default', 'dev', dev[h])
            for ip in ips[peer]:
                run('ip', 'neigh', 'replace', ip, 'lladdr', mac[peer], 'dev', dev[h], 'nud', 'permanent')
            sh('ip', 'netns', 'exec', ns[h], 'ethtool', '-K', dev[h], 'tso', 'off', 'gso', 'off', 'gro', 'off',
               'tx', 'off', 'rx', 'off', check=False)
            for key, value in tcp_config(scn, h).items():
                if key in SYSCTLS:
                    knob, fmt = SYSCTLS[key]
                    run('sysctl', '-qw', f'{knob}={fmt(value)}')
        # Faults: one table per receiving namespace; rules grouped by (sender, match).
        timed = []
        chains = {}
        dups = []
        for fault in scn.get('fault', []):
            sender = fault.get('from')
            if sender not in hosts:
                raise SystemExit(f'{path}: a kernel-harness fault needs from = one of {hosts}')
            if fault.get('action') == 'duplicate':
                if 'nth' not in fault or len(ips[sender]) != 1:
                    raise SystemExit(f'{path}: a kernel-harness duplicate needs nth and a single sender')
                dups.append(fault)
                continue
            if fault.get('action') != 'drop':
                raise SystemExit(f'{path}: the kernel harness drops and duplicates; "{fault.get("action")}" is not '
                                 'supported')
            key = (sender, fault.get('match', 'any'))
            chains.setdefault(key, []).append(fault)
        tables = {h: [] for h in hosts}
        for (sender, match), faults in chains.items():
            receiver = b if sender == a else a
            src = '{ ' + ', '.join(ips[sender]) + ' }'
            chain = f'from_{sender}_{match.replace("-", "_")}'
            rules = []
            # synack's rules act in order and a frame one rule drops is not counted by the
            # next, so the k-th rule's nth is counted among the frames the earlier ones left.
            taken = []
            for f in faults:
                if 'nth' not in f:
                    continue
                pos, left = 0, f['nth']
                while left:
                    pos += 1
                    left -= pos not in taken
                taken.append(pos)
            counted = sorted(taken)
            last = 0
            for n in counted:
                if n - last - 1 > 0:
                    rules.append(f'limit rate 1/day burst {n - last - 1} packets accept')
                rules.append('limit rate 1/day burst 1 packets counter drop')
                last = n
            if not counted:
                pct = faults[0].get('percent')
                rules.append(f'numgen random mod 1000000 < {round(pct * 10000)} counter drop' if pct is not None
                             else 'counter drop')
            tables[receiver].append((chain, src, match_exprs(match), rules,
                                     max((seconds(f['after']) for f in faults if 'after' in f), default=None),
                                     min((seconds(f['before']) for f in faults if 'before' in f), default=None)))
        for h in hosts:
            if not tables[h]:
                continue
            lines = ['table ip oracle {', '  chain pre { type filter hook prerouting priority -300; policy accept; }']
            for chain, _, _, rules, _, _ in tables[h]:
                lines += [f'  chain {chain} {{'] + [f'    {r}' for r in rules] + ['  }']
            lines.append('}')
            sh('ip', 'netns', 'exec', ns[h], 'nft', '-f', '-', input='\n'.join(lines))
            for chain, src, exprs, _, after, before in tables[h]:
                jumps = [f'add rule ip oracle pre ip saddr {src} {e} jump {chain}' for e in exprs]
                if after is None:
                    sh('ip', 'netns', 'exec', ns[h], 'nft', '-f', '-', input='\n'.join(jumps))
                else:
                    timed.append((after, h, '\n'.join(jumps)))
                if before is not None:
                    timed.append((before, h, f'flush chain ip oracle {chain}'))
        cap = os.path.join(out, f'{name}.pcap')
        dump = subprocess.Popen(['ip', 'netns', 'exec', ns[a], 'dumpcap', '-q', '-P', '-s', '128', '-i', dev[a],
                                 '-f', 'tcp', '-w', cap], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        procs.append(dump)
        time.sleep(0.5)  # dumpcap opens the interface
        # Duplicates: a packet socket at the sender's veth end sends the copy (duplicate.py).
        dupers = []
        for f in dups:
            p = subprocess.Popen(['ip', 'netns', 'exec', ns[f['from']], 'chrt', '-f', '20', sys.executable,
                                  os.path.join(HERE, 'duplicate.py'), dev[f['from']], f.get('match', 'any'),
                                  str(f['nth']), str(seconds(f.get('amount', '0s')))],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            procs.append(p)
            dupers.append(p)
            if p.stdout.readline().strip() != 'ready':
                raise SystemExit(f'{path}: duplicate.py did not start')
        state_files = {h: os.path.join(out, f'.{name}.{h}.states') for h in hosts}
        # Real-time priority: on a loaded machine an action would otherwise start late.
        apps = [subprocess.Popen(['ip', 'netns', 'exec', ns[h], 'chrt', '-f', '20', sys.executable, os.path.join(HERE, 'kernel_app.py'),
                                  path, h, state_files[h]], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                for h in hosts]
        procs += apps
        for p in apps:
            if p.stdout.readline().strip() != 'ready':
                raise SystemExit(f'{path}: kernel_app.py did not start')
        t0 = time.time() + 0.1
        for p in apps:
            p.stdin.write(f'{t0!r}\n')
            p.stdin.flush()

        def timers():
            for at, h, cmd in sorted(timed):
                time.sleep(max(0.0, t0 + at - time.time()))
                sh('ip', 'netns', 'exec', ns[h], 'nft', '-f', '-', input=cmd)
        th = threading.Thread(target=timers, daemon=True)
        th.start()
        for p in apps:
            if p.stdout.readline().strip() != 'done':
                raise SystemExit(f'{path}: kernel_app.py failed (exit {p.wait()})')
        time.sleep(0.05)
        dump.send_signal(signal.SIGINT)
        dump.wait(timeout=10)
        copies = []
        for p in dupers:
            p.stdin.close()
            copies += [json.loads(ln) for ln in p.stdout.read().split('\n') if ln]
            p.wait(timeout=10)
        for p in apps:
            p.stdin.close()
            if p.wait() != 0:
                raise SystemExit(f'{path}: kernel_app.py failed (exit {p.returncode})')
        with open(os.path.join(out, f'{name}.states.jsonl'), 'w') as f:
            f.write(json.dumps({'t0': t0}) + '\n')
            for c in copies:
                f.write(json.dumps({'duplicate_of': round(c['duplicate_of'] - t0, 4),
                                    'sent': round(c['sent'] - t0, 4)}) + '\n')
            for h in hosts:
                with open(state_files[h]) as sf:
                    for line in sf:
                        rec = json.loads(line)
                        rec['host'] = h
                        f.write(json.dumps(rec) + '\n')
                os.unlink(state_files[h])
        late = 0.0
        with open(os.path.join(out, f'{name}.states.jsonl')) as f:
            for line in f:
                rec = json.loads(line)
                if 'action' in rec:
                    late = max(late, rec['t'] - rec['at'])
        for h in hosts:
            for t in tables[h]:
                r = sh('ip', 'netns', 'exec', ns[h], 'nft', 'list', 'chain', 'ip', 'oracle', t[0], check=False)
                drops = [ln.strip() for ln in r.stdout.split('\n') if 'drop' in ln]
                print(f'{name}: drops at {h}: ' + '; '.join(drops))
        return late
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        for h in hosts:
            sh('ip', 'netns', 'del', ns[h], check=False)


def fresh_namespace_defaults():
    """The LESSON_DEFAULTS sysctls as a new network namespace has them."""
    ns = f'oracle{os.getpid() % 10000}-fresh'
    sh('ip', 'netns', 'add', ns)
    try:
        return {k: sh('ip', 'netns', 'exec', ns, 'sysctl', '-n', k).stdout.strip() for k in LESSON_DEFAULTS}
    finally:
        sh('ip', 'netns', 'del', ns, check=False)


def main():
    out, scenarios = sys.argv[1], sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    start = time.time()
    for path in scenarios:
        t = time.time()
        # A loaded machine can start an application action late; the comparator takes
        # the delay off, but past 15 ms the order of events may change: record again.
        for attempt in range(3):
            late = record(out, path)
            if late <= 0.015:
                break
            print(f'{os.path.basename(path)}: an action started {late * 1000:.0f} ms late, recording again')
        print(f'recorded {os.path.basename(path)} in {time.time() - t:.1f} s')
    info = [f'uname -r: {os.uname().release}', f'CONFIG_HZ = {config_hz()}',
            'set in each namespace: net.ipv4.tcp_rmem = 4096 131072 6291456, '
            'net.ipv4.tcp_wmem = 4096 16384 4194304', 'defaults of this machine:']
    for knob in DEFAULTS:
        info.append(f'{knob} = {sh("sysctl", "-n", knob).stdout.strip()}')
    fresh = fresh_namespace_defaults()
    info.append('a fresh namespace\'s defaults, as the lessons state them:')
    wrong = 0
    for knob, (lesson, said) in LESSON_DEFAULTS.items():
        info.append(f'{knob} = {fresh[knob]}')
        if fresh[knob] != str(said):
            print(f'lessons/{lesson}.toml says Linux\'s {knob} is {said} by default; this kernel has {fresh[knob]}')
            wrong += 1
    with open(os.path.join(out, 'KERNEL'), 'w') as f:
        f.write('\n'.join(info) + '\n')
    if wrong:
        sys.exit(1)
    print(f'recorded {len(scenarios)} scenarios in {time.time() - start:.1f} s on {os.uname().release}')


def config_hz():
    """The kernel's tick rate from its build configuration, or 'unknown'."""
    import gzip
    for path, opener in (('/proc/config.gz', gzip.open), (f'/boot/config-{os.uname().release}', open)):
        try:
            with opener(path, 'rt') as f:
                for line in f:
                    if line.startswith('CONFIG_HZ='):
                        return line.split('=')[1].strip()
        except OSError:
            continue
    return 'unknown'


if __name__ == '__main__':
    main()
