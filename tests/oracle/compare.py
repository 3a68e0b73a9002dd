#!/usr/bin/env python3
"""Compares synack with the kernel, segment by segment, over the harness's scenarios.

For each scenario: runs synack (its CLI, the scenario's own profile, `linux` in the
harness's files) with --pcap and --trace json, reads the kernel's capture and state
log recorded by record.py, and compares each connection's segments in order:
  direction, flags, seq and ack relative to each side's ISN, payload length, option
  kinds (in order, NOPs left out), the window scaled by the sender's announced shift,
  whether TSecr echoes the peer's most recent TSval, and the time.
Times: both sides from the scenario's zero; on the kernel's side each application
action's scheduling delay (logged by kernel_app.py) is taken off every segment after
it. A time matches within TOL_MS + TOL_SHARE of the elapsed time; a kernel segment later
than that by no more than the timer wheel's slack for the gap before it (see
wheel_slack_ms; the kernel's HZ is in KERNEL_DIR/KERNEL) is a timer that fired late, and
that lateness is carried to the later segments in the same direction.
A four-tuple used again (a new SYN on it) starts the next connection on both sides. A
[[fault]] duplicate's copy, which the harness sends and the kernel's capture holds, is
left out (synack's capture holds what the senders' TCPs sent), with a note.
States: the kernel's are sampled from /proc/net/tcp every millisecond (coarse: a
state held for less than that may be missed), so they must appear, in order, among the
states synack's trace shows for that host's connection, and the last ones must agree.
Prints per scenario "identical" or the first differences (and every explained one with
its reason); exits 1 if any difference is not explained.
usage: compare.py SYNACK_CLI KERNEL_DIR OUT_DIR SCENARIO...
"""
import difflib
import json
import os
import struct
import subprocess
import sys
import time

TOL_MS = 3.0
TOL_SHARE = 0.03
FLAG_NAMES = [(0x01, 'FIN'), (0x02, 'SYN'), (0x04, 'RST'), (0x08, 'PSH'), (0x10, 'ACK'), (0x20, 'URG')]
OPT_NAMES = {2: 'MSS', 3: 'WS', 4: 'SACK_PERM', 5: 'SACK', 8: 'TS'}

# Differences that stay, and why (docs/LINUX.md has the table): each is printed when it
# applies, never silent. scenario + field (+ optional 'when' on the kernel's value).
EXPLAINED = [
    {'scenario': '*', 'field': 'win', 'when': lambda k, s: k['received_data'],
     'why': "Linux's receive window after data has arrived: rcv_ssthresh grows with each full segment "
            "(tcp_grow_window) and free space is counted in buffer truesize; synack keeps its opening window "
            "and takes only unread bytes off it"},
    {'scenario': '*', 'field': 'flags', 'when': lambda k, s: {k['flags'], s['flags']} == {'ACK', 'PSH,ACK'}
     and k['len'] > 0 and s['len'] > 0 and k['len'] == s['len'],
     'why': 'Linux sets PSH where tcp_sendmsg pushes while it copies one large write (every few segments); '
            'synack sets it on the last segment of what the application gave'},
    {'scenario': '*', 'field': 'tsecr', 'when': lambda k, s: k['tsecr'] == 'older' and s['tsecr'] == 'latest'
     and k['len'] > 0,
     'why': "the kernel's sender holds the socket lock while it sends one large write; the ACKs that arrive "
            'meanwhile wait in the socket backlog, so its TSecr echoes the TSval it knew when the write began'},
    {'scenario': 'loss-then-close', 'field': '*', 'when': lambda k, s: (k or s)['after_loss'],
     'why': "loss recovery: Linux repairs the two holes with RACK-TLP (RFC 8985), its SACK scoreboard and "
            "proportional rate reduction (RFC 6937); synack with NewReno's fast retransmit (RFC 6582), one hole "
            "per round trip, SACK blocks sent but not used by the sender. Compared up to the first loss"},
    {'scenario': 'zero-window-close', 'field': '*', 'when': lambda k, s: (k or s)['dir'] == 'server>client'
     or (k or s)['received_any_ack'],
     'why': "a receiver that does not read: Linux counts its buffer in skb truesize, so its window shrinks "
            "faster than the unread bytes (zero at ~120 kB of 131 kB here), and ACKs every second segment only "
            "while the window would not shrink, otherwise by the 40 ms delayed-ACK timer; synack's window is the "
            "buffer less the unread bytes. The client's first flight and the states are compared"},
    {'scenario': 'zero-window-close', 'field': 'states',
     'when': lambda k, s: (k[-1], s[-1]) in (('CLOSE-WAIT', 'ESTABLISHED'), ('FIN-WAIT-2', 'FIN-WAIT-1')),
     'why': 'Linux grows the receive buffer as the application reads (tcp_rcv_space_adjust): after the first '
            'read its window is ~280 kB and the rest of the 300 kB arrives with the FIN before the second read; '
            "synack's buffer stays 131072 bytes, so at the end of the run its FIN still waits behind data "
            '(the server has not seen it, the client has no ACK for it)'},
    {'scenario': '*', 'field': 'states', 'when': lambda k, s: 'FIN-WAIT-2' in k and 'FIN-WAIT-2' not in s
     and 'FIN-WAIT-1' in s and s[s.index('FIN-WAIT-1') + 1:s.index('FIN-WAIT-1') + 2] == ['TIME-WAIT'],
     'why': 'one FIN,ACK takes both sides from FIN-WAIT-1 to TIME-WAIT; Linux passes FIN-WAIT-2 on the way '
            '(it processes the ACK, then the FIN) and the sampler read /proc/net/tcp in between'},
    {'scenario': '*', 'field': 'only-kernel',
     'when': lambda k, s: k['flags'] == 'ACK' and k['len'] == 0 and not k['received_data'],
     'why': "the ACK of a FIN on a connection that has received no data leaves at the kernel's next timer "
            'tick (its delayed-ACK estimate, ato, is still 0); whether the application\'s own FIN beats it '
            'is a race of under a millisecond, which synack\'s application, acting at the same instant, wins'},
]


TIMER_LATE = ("Linux's timer wheel (kernel/time/timer.c) lets a timer fire late by up to its level's "
              'granularity, 8^n ticks for a timeout of 63*8^(n-1) ticks or more (at most 1/8 of the timeout), '
              "and the segments that follow leave that much later; synack's timers fire on time")


def wheel_slack_ms(timeout_ms, hz):
    """How late the kernel may fire a timer armed for timeout_ms: the granularity of the
    wheel level that holds it, plus the tick in which it was armed."""
    tick = 1000.0 / hz
    ticks, gran, level_start = timeout_ms / tick, 1, 63
    while ticks >= level_start:
        gran, level_start = gran * 8, level_start * 8
    return (gran + 1) * tick


def kernel_hz(kdir):
    """CONFIG_HZ as record.py wrote it; 100 (the coarsest tick, the widest slack) if unknown."""
    with open(os.path.join(kdir, 'KERNEL')) as f:
        for line in f:
            if line.startswith('CONFIG_HZ = ') and line.split('=')[1].strip().isdigit():
                return int(line.split('=')[1])
    return 100


def read_pcap(path):
    with open(path, 'rb') as f:
        data = f.read()
    magic = struct.unpack('<I', data[:4])[0]
    endian, nano = {0xa1b2c3d4: ('<', False), 0xa1b23c4d: ('<', True),
                    0xd4c3b2a1: ('>', False), 0x4d3cb2a1: ('>', True)}[magic]
    off, out = 24, []
    while off + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(endian + 'IIII', data[off:off + 16])
        pkt = data[off + 16:off + 16 + incl]
        off += 16 + incl
        t = sec + frac * (1e-9 if nano else 1e-6)
        if len(pkt) < 34 or pkt[12:14] != b'\x08\x00' or pkt[23] != 6:
            continue
        ihl = (pkt[14] & 0x0f) * 4
        ip_len = struct.unpack('!H', pkt[16:18])[0]
        src, dst = '.'.join(map(str, pkt[26:30])), '.'.join(map(str, pkt[30:34]))
        tcp = pkt[14 + ihl:]
        sport, dport, seq, ack, doff_flags, win = struct.unpack('!HHIIHH', tcp[:16])
        doff = (doff_flags >> 12) * 4
        flags = doff_flags & 0x3f
        opts, i, raw = {}, 20, tcp[:doff]
        kinds = []
        while i < len(raw):
            kind = raw[i]
            if kind == 0:
                break
            if kind == 1:
                i += 1
                continue
            ln = raw[i + 1] if i + 1 < len(raw) else 2
            body = raw[i + 2:i + ln]
            kinds.append(OPT_NAMES.get(kind, str(kind)))
            if kind == 2:
                opts['mss'] = struct.unpack('!H', body)[0]
            elif kind == 3:
                opts['ws'] = body[0]
            elif kind == 8:
                opts['tsval'], opts['tsecr'] = struct.unpack('!II', body)
            i += max(ln, 2)
        out.append({'t': t, 'src': (src, sport), 'dst': (dst, dport), 'seq': seq, 'ack': ack, 'flags': flags,
                    'win': win, 'len': ip_len - ihl - doff, 'kinds': kinds, **opts})
    return out


def flag_str(f):
    return ','.join(n for bit, n in FLAG_NAMES if f & bit)


def host_names(scn_text):
    """IP -> host name from the scenario (group members as name + index)."""
    import tomllib
    scn = tomllib.loads(scn_text)
    names = {}
    for h in scn['host']:
        count = h.get('count', 1)
        base = struct.unpack('!I', bytes(map(int, h['ip'].split('.'))))[0]
        for i in range(count):
            ip = '.'.join(map(str, struct.pack('!I', base + i)))
            names[ip] = h['name'] + (str(i + 1) if count > 1 else '')
    return names


def mark_drops(segs, scn, names, t0):
    """Marks the segments the scenario's [[fault]] drops lose, counted as synack counts
    (record.py turns the same rules into nftables). Both captures hold every frame sent,
    lost or not; what a receiver saw decides what its TSecr may echo."""
    matches = fault_matches
    faults = [dict(x, matched=0) for x in scn.get('fault', [])]
    for s in segs:
        s['lost'] = False
        sender = names.get(s['src'][0], '')
        for f in faults:
            if f.get('from') and f['from'] != sender.rstrip('0123456789') and f['from'] != sender:
                continue
            if not matches(f.get('match', 'any'), s) or s['t'] - t0 < seconds(f.get('after', '0s')):
                continue
            f['matched'] += 1
            if 'nth' in f and f['matched'] != f['nth']:
                continue
            s['lost'] = f['action'] == 'drop'  # a duplicate's original arrives, and so does its copy
            break


COPY_WHY = ("the harness's copy of a frame a [[fault]] duplicates: a packet socket at the sender's veth end "
            "(duplicate.py) sends it, so the kernel's capture on the veth holds the frame twice, as a capture at "
            "the receiver would; synack's capture shows frames as their sender's TCP sent them, once, and its "
            "cable delivers the copy. The copy is left out of the comparison, what the receiver answers to it is not")


def remove_copies(segs, scn, names, t0):
    """The kernel's capture without the copies record.py's duplicator sent: for each
    duplicate fault, the next frame identical to the nth matching one (same numbers,
    flags, window and TSval, so not a retransmission, which carries a new TSval)."""
    notes = []
    for f in scn.get('fault', []):
        if f['action'] != 'duplicate':
            continue
        n, original = 0, None
        for i, s in enumerate(segs):
            ident = (s['src'], s['dst'], s['seq'], s['ack'], s['flags'], s['len'], s['win'], s.get('tsval'))
            if original is not None and ident == original:
                notes.append(f"the kernel's capture holds at {(s['t'] - t0) * 1000:.1f} ms a copy of the "
                             f"{flag_str(s['flags'])} of {names.get(s['src'][0], s['src'][0])}\n"
                             f"      explained: {COPY_WHY}")
                segs = segs[:i] + segs[i + 1:]
                break
            sender = names.get(s['src'][0], '')
            if original is None and f['from'] in (sender, sender.rstrip('0123456789')) and \
                    fault_matches(f.get('match', 'any'), s) and s['t'] - t0 >= seconds(f.get('after', '0s')):
                n += 1
                if n == f['nth']:
                    original = ident
        else:
            notes.append(f"DIFF the kernel's capture holds no copy of the frame fault {f.get('name', '')!r} duplicates")
    return segs, notes


def fault_matches(m, s):
    f, data = s['flags'], s['len'] > 0
    return {'any': True, 'syn': f & 0x12 == 0x02, 'syn-ack': f & 0x12 == 0x12, 'fin': bool(f & 0x01),
            'rst': bool(f & 0x04), 'data': data, 'ack': f & 0x17 == 0x10 and not data}[m]


def seconds(text):
    for unit, k in (('ms', 1e-3), ('us', 1e-6), ('ns', 1e-9), ('s', 1.0)):
        if text.endswith(unit):
            return float(text[:-len(unit)]) * k
    return float(text)


def normalise(segs, names, t0):
    """Per connection (in order of first appearance): the segments with relative numbers.
    A four-tuple used again (a SYN without ACK whose ISN is not the one its sender already
    used on it) begins the next connection; its SYNs say whether their ISN is the old
    connection's SND.NXT + 65537, as Linux picks one when a SYN reopens TIME-WAIT."""
    conns, order, syns = {}, [], {}
    for s in segs:
        pair = tuple(sorted([s['src'], s['dst']]))
        n = syns.get(pair, {}).get('n', 0)
        if s['flags'] & 0x12 == 0x02:
            seen = syns.setdefault(pair, {'n': 0})
            if seen.get(s['src'], s['seq']) != s['seq']:
                seen.clear()
                seen['n'] = n = n + 1
            seen[s['src']] = s['seq']
        key = pair + (n,)
        if key not in conns:
            conns[key] = []
            order.append(key)
        conns[key].append(s)
    sent_to = {}  # (pair, incarnation, sender) -> the sequence number after its last segment
    for key in order:
        for s in conns[key]:
            end = (s['seq'] + s['len'] + bool(s['flags'] & 0x02) + bool(s['flags'] & 0x01)) & 0xffffffff
            old = sent_to.get((key, s['src']))
            if old is None or (end - old) & 0xffffffff < 0x80000000:
                sent_to[(key, s['src'])] = end
    out = []
    for key in order:
        lst = conns[key]
        isn, shift, last_tsval, ts_base = {}, {}, {}, {}
        for s in lst:
            if s['flags'] & 0x02 and s['src'] not in isn:
                isn[s['src']] = s['seq']
                if 'ws' in s:
                    shift[s['src']] = s['ws']
        for s in lst:
            isn.setdefault(s['src'], s['seq'])
        both_scale = len(shift) == 2
        rows = []
        got = {}  # bytes each side has received so far
        lost_yet, acked = False, set()
        for s in lst:
            a, b = s['src'], s['dst']
            r = {
                'dir': f"{names.get(a[0], a[0])}>{names.get(b[0], b[0])}",
                'flags': flag_str(s['flags']),
                'seq': (s['seq'] - isn[a]) & 0xffffffff,
                'ack': ((s['ack'] - isn[b]) & 0xffffffff) if s['flags'] & 0x10 and b in isn else None,
                'len': s['len'],
                'options': ' '.join(s['kinds']),
                'win': s['win'] if s['flags'] & 0x02 or not both_scale else s['win'] << shift[a],
                't_ms': round((s['t'] - t0) * 1000, 3),
            }
            prev = sent_to.get((key[:2] + (key[2] - 1,), a))
            if s['flags'] & 0x02 and prev is not None:
                r['isn'] = 'old SND.NXT + 65537' if (s['seq'] - prev) & 0xffffffff == 65537 else 'new'
            if 'mss' in s:
                r['mss'] = s['mss']
            if 'ws' in s:
                r['ws'] = s['ws']
            if 'tsval' in s:
                ts_base.setdefault(a, s['tsval'])
                r['tsecr'] = ('0' if s['tsecr'] == 0 else 'latest' if s['tsecr'] == last_tsval.get(b)
                              else 'older')
                if not s['lost']:
                    last_tsval[a] = s['tsval']
            r['lost'] = s['lost']
            r['received_data'] = got.get(a, 0) > 0
            lost_yet = lost_yet or s['lost']
            r['after_loss'] = lost_yet
            r['received_any_ack'] = a in acked  # the sender has heard an ACK of its data
            if s['flags'] & 0x10 and not s['lost'] and r['ack'] is not None and r['ack'] > 1:
                acked.add(b)
            if not s['lost']:
                got[b] = got.get(b, 0) + s['len']
            rows.append(r)
        out.append((key, rows))
    return out


SIG_FIELDS = ['dir', 'flags', 'seq', 'ack', 'len', 'options', 'win', 'mss', 'ws', 'isn', 'tsecr', 'lost']


def sig(r):
    return tuple(r.get(k) for k in SIG_FIELDS)


def fmt(r):
    s = f"{r['t_ms']:9.3f} ms {r['dir']:15} {r['flags']:12} seq {r['seq']} ack {r['ack']} len {r['len']} win {r['win']}"
    if r['options']:
        s += f" [{r['options']}]"
    if 'tsecr' in r:
        s += f" TSecr {r['tsecr']}"
    if r['lost']:
        s += ' (lost)'
    return s


def kernel_states(path, names):
    t0, delays, per, incarnation = None, [], {}, {}
    with open(path) as f:
        for line in f:
            rec = json.loads(line)
            if 't0' in rec:
                t0 = rec['t0']
            elif 'action' in rec:
                delays.append((rec['t'], rec['t'] - rec['at']))
            elif 'duplicate_of' in rec:
                continue  # a copy the harness sent (record.py): the capture holds it
            else:
                # A group's namespace logs as the group: name the member by its address.
                host = names.get(rec['local'].split(':')[0], rec['host'])
                ends = (host, rec['local'], rec['remote'])
                n = incarnation.get(ends, 0)
                seq = per.get(ends + (n,))
                # A four-tuple used again: after CLOSED (the row had gone) or TIME-WAIT (a
                # SYN took the four-tuple over, so the TIME-WAIT socket is gone), any
                # other state is the next connection's.
                if seq and seq[-1] in ('CLOSED', 'TIME-WAIT') and rec['state'] not in ('CLOSED', 'TIME-WAIT'):
                    if seq[-1] == 'TIME-WAIT':
                        seq.append('CLOSED')
                    n = incarnation[ends] = n + 1
                per.setdefault(ends + (n,), []).append(rec['state'])
    delays.sort()
    return t0, delays, per


def synack_states(events):
    """host -> the state sequences of its connections, in the order they were made."""
    per, order = {}, []
    for e in events:
        if e['ev'] != 'state_change' or 'conn' not in e:
            continue
        frm, to = e['text'].split(' -> ')
        if to == 'LISTEN' or frm == 'LISTEN' and to == 'CLOSED':
            continue
        key = (e['host'], e['conn'])
        if key not in per:
            order.append(key)
            per[key] = [frm] if frm not in ('CLOSED', 'LISTEN') else []
        per[key].append(to)
    out = {}
    for host, conn in order:
        out.setdefault(host, []).append(per[(host, conn)])
    return out


def subsequence(small, big):
    it = iter(big)
    return all(x in it for x in small)


def explained(scn, field, krow, srow):
    for x in EXPLAINED:
        x.setdefault('used', False)
        if x['scenario'] in (scn, '*') and (x['field'] == field or x['field'] == '*' and field != 'states') and x.get('when', lambda k, s: True)(krow, srow):
            x['used'] = True
            return x['why']
    return None


def compare(cli, kdir, out, path):
    name = os.path.splitext(os.path.basename(path))[0]
    with open(path) as f:
        text = f.read()
    names = host_names(text)
    pcap = os.path.join(out, f'{name}.synack.pcap')
    trace = subprocess.run([cli, 'run', path, '--trace', 'json', '--pcap', pcap], check=True, capture_output=True,
                           text=True).stdout
    events = [json.loads(ln) for ln in trace.split('\n') if ln]
    import tomllib
    scn = tomllib.loads(text)
    s_segs, k_segs = read_pcap(pcap), read_pcap(os.path.join(kdir, f'{name}.pcap'))
    t0, delays, k_states = kernel_states(os.path.join(kdir, f'{name}.states.jsonl'), names)
    k_segs, copy_notes = remove_copies(k_segs, scn, names, t0)
    mark_drops(s_segs, scn, names, 0.0)
    mark_drops(k_segs, scn, names, t0)
    s_conns = normalise(s_segs, names, 0.0)
    k_conns = normalise(k_segs, names, t0)
    # Take each action's scheduling delay off the kernel's times after it.
    for _, rows in k_conns:
        for r in rows:
            late = [d for t, d in delays if t * 1000 <= r['t_ms'] + 0.5]
            r['t_ms'] = round(r['t_ms'] - (late[-1] if late else 0) * 1000, 3)
    diffs = [n[len('DIFF '):] for n in copy_notes if n.startswith('DIFF ')]
    notes = [n for n in copy_notes if not n.startswith('DIFF ')]
    total = 0
    if len(k_conns) != len(s_conns):
        diffs.append(f'connections: kernel {len(k_conns)}, synack {len(s_conns)}')
    # Each direction on its own: which of two segments microseconds apart on a veth
    # crossed the other is timing noise, what each side sent and in what order is not.
    pairs_by_dir = []
    for ci, ((_, krows), (_, srows)) in enumerate(zip(k_conns, s_conns)):
        for d in sorted({r['dir'] for r in krows + srows}):
            pairs_by_dir.append((ci, [r for r in krows if r['dir'] == d], [r for r in srows if r['dir'] == d]))
    hz = kernel_hz(kdir)
    for ci, krows, srows in pairs_by_dir:
        total += max(len(krows), len(srows))
        lateness = 0.0  # how late the kernel's timers have fired so far in this direction
        sm = difflib.SequenceMatcher(a=[sig(r) for r in krows], b=[sig(r) for r in srows], autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == 'equal':
                for j, (k, s) in enumerate(zip(krows[i1:i2], srows[j1:j2]), j1):
                    dt = k["t_ms"] - lateness - s["t_ms"]
                    tol = TOL_MS + TOL_SHARE * max(k['t_ms'], s['t_ms'])
                    if abs(dt) <= tol:
                        continue
                    line = f"conn {ci + 1}: time of {s['flags']} at synack {s['t_ms']} ms, kernel {k['t_ms']} ms"
                    gap = s['t_ms'] - srows[j - 1]['t_ms'] if j > 0 else 0.0
                    slack = wheel_slack_ms(gap, hz)
                    if 0 < dt <= tol + slack:
                        lateness += dt
                        notes.append(f'{line}: {dt:.1f} ms late after a {gap:.0f} ms wait (slack {slack:.0f} ms '
                                     f'at HZ {hz})\n      explained: {TIMER_LATE}')
                        continue
                    why = explained(name, 'time', k, s)
                    (notes if why else diffs).append(line + (f' (explained: {why})' if why else ''))
                continue
            # A replaced run of equal length: say which fields differ, segment by segment.
            pairs = list(zip(krows[i1:i2], srows[j1:j2])) if op == 'replace' else []
            for k, s in pairs:
                fields = [f for f in SIG_FIELDS if k.get(f) != s.get(f)]
                whys = [explained(name, f, k, s) for f in fields]
                line = (f"conn {ci + 1}: {', '.join(fields)} differ\n      kernel {fmt(k)}\n      synack {fmt(s)}")
                if all(whys):
                    notes.append(line + ''.join(f'\n      explained: {w}' for w in sorted(set(whys))))
                else:
                    diffs.append(line)
            extra_k, extra_s = krows[i1 + len(pairs):i2], srows[j1 + len(pairs):j2]
            for k in extra_k:
                why = explained(name, 'only-kernel', k, None)
                line = f'conn {ci + 1}: only the kernel sent  {fmt(k)}'
                (notes if why else diffs).append(line + (f'\n      explained: {why}' if why else ''))
            for s in extra_s:
                why = explained(name, 'only-synack', None, s)
                line = f'conn {ci + 1}: only synack sent      {fmt(s)}'
                (notes if why else diffs).append(line + (f'\n      explained: {why}' if why else ''))
    # States, per host, connection by connection in order of first appearance.
    s_states = synack_states(events)
    k_order = {}
    for (host, local, remote, _), kseq in k_states.items():
        k_order.setdefault(host, []).append((f'{local}->{remote}', kseq))
    for host, conns in k_order.items():
        mine, nxt = s_states.get(host, []), 0
        for ends, kseq in conns:
            # The sampler never sees a connection that lives for less than its interval
            # (a refused connect: tens of microseconds), so each kernel connection is
            # paired with the next of synack's, in order, whose states agree, and only
            # when none does with the next one.
            agree = [j for j in range(nxt, len(mine)) if subsequence(kseq, mine[j]) and kseq[-1] == mine[j][-1]]
            j = agree[0] if agree else nxt
            sseq = mine[j] if j < len(mine) else None
            nxt = j + 1
            # The kernel's last state is TIME-WAIT or the row vanished (CLOSED); synack's
            # run may end in CLOSED where the kernel's row was last seen in another state.
            if sseq is None:
                diffs.append(f'states: {host} {ends}: kernel {kseq}, synack has no such connection')
            elif not subsequence(kseq, sseq) or kseq[-1] != sseq[-1]:
                why = explained(name, 'states', kseq, sseq)
                line = f'states: {host}: kernel (sampled) {" ".join(kseq)}; synack {" ".join(sseq)}'
                (notes if why else diffs).append(line + (f' (explained: {why})' if why else ''))
    return name, total, diffs, notes


def main():
    cli, kdir, out, scenarios = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    os.makedirs(out, exist_ok=True)
    start = time.time()
    with open(os.path.join(kdir, 'KERNEL')) as f:
        print(f'kernel captures from {f.readline().strip()}')
    unexplained = 0
    for path in scenarios:
        name, total, diffs, notes = compare(cli, kdir, out, path)
        verdict = 'identical' if not diffs and not notes else \
            'identical but for explained differences' if not diffs else f'{len(diffs)} differences'
        print(f'{name}: {total} segments: {verdict}')
        # Explained differences: the first of each reason in full, then how many more.
        by_reason = {}
        for n in notes:
            by_reason.setdefault(n.split('explained: ')[-1], []).append(n)
        for same in by_reason.values():
            print(f'  {same[0]}' + (f'\n  ... and {len(same) - 1} more for the same reason' if len(same) > 1 else ''))
        for d in diffs[:6]:
            print(f'  DIFF {d}')
        if len(diffs) > 6:
            print(f'  ... and {len(diffs) - 6} more')
        unexplained += len(diffs)
    ran = {os.path.splitext(os.path.basename(p))[0] for p in scenarios}
    for x in EXPLAINED:
        if not x.get('used') and (x['scenario'] in ran or x['scenario'] == '*' and len(ran) > 1):
            print(f"note: an explained difference no longer occurs ({x['scenario']}, {x['field']}): {x['why']}")
    print(f'{len(scenarios)} scenarios, {unexplained} unexplained differences, {time.time() - start:.1f} s')
    sys.exit(1 if unexplained else 0)


if __name__ == '__main__':
    main()
