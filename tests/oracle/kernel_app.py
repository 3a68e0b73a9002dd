#!/usr/bin/env python3
"""The applications of a synack scenario, played on the kernel's TCP with BSD sockets.

Reads the same scenario file synack reads and performs the [[action]]s of one host (or
host group) at their times, measured from T0 (seconds since the epoch, shared by both
namespaces, read from stdin), with the meaning synack's host model gives them:
  listen   bind + listen(backlog); accepted sockets echo / close on EOF / send_on_accept
           / read or leave data unread / SO_KEEPALIVE, as the listen action says
  connect  non-blocking connect from the host's address (local_port if given)
  send     queue bytes on the newest connection; written as the socket takes them
  close    FIN after the queued bytes (shutdown(SHUT_WR), still reading); with unread
           data, close() so the kernel resets (as synack and RFC 2525 2.17 do); the
           host's listeners stay open
  abort    SO_LINGER 0 + close(): RST
  kill     close() every socket, as the kernel does for a dying process
  read     one recv() of at most `bytes` on a read = false socket
Each action's real start is logged with its planned time. Meanwhile it samples /proc/net/tcp (this namespace's sockets) every millisecond and
writes each connection's state changes as JSON lines to STATES: coarse, a state held
for less than the sampling interval may be missed.
usage: kernel_app.py SCENARIO HOST STATES   (prints 'ready', then reads T0 from stdin)
"""
import fcntl
import json
import os
import selectors
import socket
import struct
import sys
import termios
import time
import tomllib

KSTATES = {1: 'ESTABLISHED', 2: 'SYN-SENT', 3: 'SYN-RCVD', 4: 'FIN-WAIT-1', 5: 'FIN-WAIT-2', 6: 'TIME-WAIT',
           7: 'CLOSED', 8: 'CLOSE-WAIT', 9: 'LAST-ACK', 10: 'LISTEN', 11: 'CLOSING'}
UNITS = {'ns': 1e-9, 'us': 1e-6, 'ms': 1e-3, 's': 1.0, 'min': 60.0}


def seconds(text):
    for unit in sorted(UNITS, key=len, reverse=True):
        if text.endswith(unit):
            return float(text[:-len(unit)]) * UNITS[unit]
    raise SystemExit(f'kernel_app: bad duration "{text}"')


def ip_of(scn, name):
    """A host's address; a group member's is the group's plus its index."""
    for h in scn['host']:
        if h['name'] == name:
            return h['ip']
    return name  # an IPv4 address written out


def members(scn, name):
    for h in scn['host']:
        if h['name'] == name:
            count = h.get('count', 1)
            if count == 1:
                return [h['ip']]
            base = struct.unpack('!I', socket.inet_aton(h['ip']))[0]
            return [socket.inet_ntoa(struct.pack('!I', base + i)) for i in range(count)]
    raise SystemExit(f'kernel_app: no host "{name}" in the scenario')


class Conn:
    def __init__(self, sock, opts):
        self.sock = sock
        self.opts = opts            # echo, close_on_eof, read
        self.to_send = 0
        self.sent = 0
        self.close_pending = False
        self.shut = False
        self.eof = False
        self.unread = 0
        self.connected = opts.get('connected', True)
        self.closed = False


PATTERN = memoryview(bytes(range(256)) * (4 * 4096 + 1))  # 4 MB and a bit


def pattern(n, offset):
    return PATTERN[offset % 256:offset % 256 + n]


def main():
    scn_path, host, states_path = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(scn_path, 'rb') as f:
        scn = tomllib.load(f)
    ips = members(scn, host)
    until = seconds(scn.get('until', '60s'))
    sel = selectors.DefaultSelector()
    listeners = {}   # fd -> (sock, listen action)
    conns = {}       # fd -> Conn, in creation order per member
    newest = {}      # member ip -> newest Conn
    events = []
    for a in scn.get('action', []):
        if a['host'] != host:
            continue
        for i, ip in enumerate(ips):
            at = seconds(a['at']) + i * seconds(a.get('stagger', '0s'))
            events.append((at, len(events), ip, a))
    events.sort(key=lambda e: (e[0], e[1]))

    def watch(c):
        mask = selectors.EVENT_READ if c.opts.get('read', True) and not c.eof else 0
        if c.to_send > c.sent or not c.connected:
            mask |= selectors.EVENT_WRITE
        try:
            sel.unregister(c.sock)
        except (KeyError, ValueError):
            pass
        if mask and not c.closed:
            sel.register(c.sock, mask, c)

    def finish(c):
        if not c.closed:
            c.closed = True
            try:
                sel.unregister(c.sock)
            except (KeyError, ValueError):
                pass
            c.sock.close()

    def pump(c):
        """Writes what the socket takes, then the FIN once everything queued is written."""
        if c.closed or not c.connected:
            return
        while c.sent < c.to_send:
            try:
                n = c.sock.send(pattern(min(4 << 20, c.to_send - c.sent), c.sent))
            except BlockingIOError:
                break
            except OSError:
                finish(c)
                return
            c.sent += n
        if c.close_pending and c.sent == c.to_send and not c.shut:
            c.shut = True
            try:
                c.sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            if c.eof:
                finish(c)
        watch(c)

    def close(c):
        if c.closed or c.close_pending:
            return
        if c.unread > 0:
            finish(c)  # unread data: the kernel answers close() with RST
            return
        c.close_pending = True
        pump(c)

    def read(c, limit=1 << 20):
        try:
            data = c.sock.recv(limit)
        except BlockingIOError:
            return
        except OSError:
            finish(c)
            return
        if not data:
            c.eof = True
            if c.shut or not c.connected:
                finish(c)
            elif c.opts.get('close_on_eof', True):
                close(c)
            watch(c)
            return
        if c.opts.get('echo'):
            c.to_send += len(data)
            pump(c)

    def big_send_buffer(s):
        # synack's send() queues every byte at once; so must the kernel's socket, or PSH
        # marks where each write() returned and close() waits for the application.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)

    def keepalive(s):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)

    def act(ip, a):
        op = a['op']
        c = newest.get(ip)
        if op == 'listen':
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            big_send_buffer(s)
            s.bind((ip, a['port']))
            s.listen(a.get('backlog', 128))
            s.setblocking(False)
            listeners[s.fileno()] = (s, ip)
            sel.register(s, selectors.EVENT_READ, ('listener', s, a, ip))
        elif op == 'connect':
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            # No SO_REUSEADDR: as in synack's model, a local port held by a connection
            # in TIME-WAIT cannot be bound again (EADDRINUSE).
            big_send_buffer(s)
            if a.get('keepalive'):
                keepalive(s)
            try:
                s.bind((ip, a.get('local_port', 0)))
            except OSError as e:
                print(f"kernel_app: {host} connect from port {a.get('local_port', 0)}: {e.strerror}", file=sys.stderr)
                s.close()
                return
            s.setblocking(False)
            s.connect_ex((ip_of(scn, a['to']), a['port']))
            c = Conn(s, {'read': a.get('read', True), 'connected': False})
            c.ip = ip
            conns[s.fileno()] = c
            newest[ip] = c
            watch(c)
        elif op == 'send' and c:
            c.to_send += a['bytes']
            pump(c)
        elif op == 'read' and c:
            # One recv() of what is there, at most `bytes`, as synack's read does.
            try:
                data = c.sock.recv(a['bytes'], socket.MSG_DONTWAIT)
                c.unread = max(0, c.unread - len(data))
            except OSError:
                pass
        elif op in ('close', 'shutdown', 'kill'):
            # A group member's action is its own: its sockets only. As in synack, close
            # and shutdown end the connections and leave the listeners open (a SYN may
            # still come: one reopening a TIME-WAIT four-tuple); kill closes them too.
            for fd, (s, lip) in list(listeners.items()):
                if lip != ip or op != 'kill':
                    continue
                sel.unregister(s)
                s.close()
                del listeners[fd]
            for c in [c for c in conns.values() if c.ip == ip]:
                if op == 'kill' and not c.closed:
                    finish(c)
                else:
                    close(c)
        elif op == 'abort':
            for c in [c for c in conns.values() if c.ip == ip]:
                if not c.closed:
                    c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
                    finish(c)

    # Python starts slowly: listen at time 0 before saying so (a peer connecting a few
    # milliseconds later must find the port open), then take the shared start time.
    for _, _, ip, a in [e for e in events if e[0] == 0 and e[3]['op'] == 'listen']:
        act(ip, a)
    events = [e for e in events if not (e[0] == 0 and e[3]['op'] == 'listen')]
    print('ready', flush=True)
    t0 = float(sys.stdin.readline())
    seen = {}
    states = open(states_path, 'w')

    def addr(h):
        ip, port = h.split(':')
        return socket.inet_ntoa(struct.pack('<I', int(ip, 16))) + ':' + str(int(port, 16))

    def sample(now):
        try:
            with open('/proc/net/tcp') as f:
                rows = f.read().split('\n')[1:]
        except OSError:
            return
        present = set()
        for row in rows:
            cols = row.split()
            if len(cols) < 4 or cols[2] == '00000000:0000':
                continue
            st = KSTATES.get(int(cols[3], 16), cols[3])
            key = (cols[1], cols[2])
            present.add(key)
            if seen.get(key) != st:
                seen[key] = st

                states.write(json.dumps({'t': round(now, 4), 'local': addr(cols[1]), 'remote': addr(cols[2]),
                                         'state': st}) + '\n')
        # A row that is gone is a connection that reached CLOSED.
        for key in [k for k, v in seen.items() if k not in present and v != 'CLOSED']:
            seen[key] = 'CLOSED'
            states.write(json.dumps({'t': round(now, 4), 'local': addr(key[0]), 'remote': addr(key[1]),
                                     'state': 'CLOSED'}) + '\n')

    i = 0
    while True:
        now = time.time() - t0
        if now >= until:
            break
        while i < len(events) and events[i][0] <= now:
            # The comparator takes the scheduling delay of each action off what follows it.
            states.write(json.dumps({'t': round(time.time() - t0, 4), 'action': events[i][3]['op'],
                                     'at': round(events[i][0], 4)}) + '\n')
            act(events[i][2], events[i][3])
            i += 1
        wait = 0.001 if i >= len(events) else max(0.0, min(0.001, events[i][0] - now))
        for key, mask in sel.select(wait):
            d = key.data
            if isinstance(d, tuple) and d[0] == 'listener':
                _, ls, la, lip = d
                try:
                    s, _ = ls.accept()
                except BlockingIOError:
                    continue
                s.setblocking(False)
                if la.get('keepalive'):
                    keepalive(s)
                c = Conn(s, {'echo': la.get('echo', False), 'close_on_eof': la.get('close_on_eof', True),
                             'read': la.get('read', True)})
                c.to_send = la.get('send_on_accept', 0)
                c.ip = lip
                conns[s.fileno()] = c
                newest[lip] = c
                pump(c)
                watch(c)
                continue
            c = d
            if not c.connected and mask & selectors.EVENT_WRITE:
                err = c.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if err:
                    finish(c)
                    continue
                c.connected = True
                pump(c)
            if mask & selectors.EVENT_READ and not c.closed:
                read(c)
            if mask & selectors.EVENT_WRITE and not c.closed:
                pump(c)
        # Data a read = false socket leaves in its buffer decides close(): FIN or RST.
        for c in conns.values():
            if not c.closed and not c.opts.get('read', True) and c.connected:
                try:
                    c.unread = struct.unpack('i', fcntl.ioctl(c.sock, termios.FIONREAD, b'\0' * 4))[0]
                except OSError:
                    pass
        sample(time.time() - t0)
    states.close()
    # Exiting closes the sockets (FIN or RST): wait until the capture has stopped.
    print('done', flush=True)
    sys.stdin.read()


if __name__ == '__main__':
    main()
