#!/usr/bin/env python3
"""A scenario's `action = "duplicate"` fault on the kernel's side: watches one host's
frames leaving its veth end through a packet socket and, `amount` after the `nth` that
matches, sends a byte-for-byte copy of it out of the same interface, so the peer gets the
frame a second time as synack's cable delivers its copy (`amount` after the original).
Counts as synack's fault rule does: the frames its sender sent that match.
Prints 'ready', then one JSON line per copy: when the original left and when the copy did
(seconds since the epoch). Runs until stdin closes.
usage: duplicate.py IFACE MATCH NTH AMOUNT_SECONDS   (in the sender's namespace)
"""
import json
import select
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
FIN, SYN, RST, ACK = 0x01, 0x02, 0x04, 0x10


def matches(match, frame):
    """synack's match names, on an Ethernet frame (as compare.py's mark_drops reads them)."""
    if len(frame) < 34 or frame[12:14] != b'\x08\x00' or frame[23] != 6:
        return False
    ihl = (frame[14] & 0x0f) * 4
    ip_len = struct.unpack('!H', frame[16:18])[0]
    tcp = frame[14 + ihl:]
    doff = (tcp[12] >> 4) * 4
    f = tcp[13]
    data = ip_len - ihl - doff > 0
    return {'any': True, 'syn': f & (SYN | ACK) == SYN, 'syn-ack': f & (SYN | ACK) == SYN | ACK,
            'fin': bool(f & FIN), 'rst': bool(f & RST), 'data': data,
            'ack': f & (SYN | ACK | FIN | RST) == ACK and not data}[match]


def main():
    iface, match, nth, amount = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((iface, ETH_P_ALL))
    print('ready', flush=True)
    seen, due = 0, []  # due: (time to send, the frame, when the original left)
    while True:
        wait = max(0.0, due[0][0] - time.time()) if due else None
        ready, _, _ = select.select([s, sys.stdin], [], [], wait)
        if sys.stdin in ready and not sys.stdin.readline():
            return
        if s in ready:
            frame, addr = s.recvfrom(65535)
            now = time.time()
            if addr[2] == PACKET_OUTGOING and matches(match, frame):
                seen += 1
                if seen == nth:
                    due.append((now + amount, frame, now))
        while due and due[0][0] <= time.time():
            _, frame, left = due.pop(0)
            s.send(frame)  # a packet socket's own frames are not looped back to it
            print(json.dumps({'duplicate_of': left, 'sent': time.time()}), flush=True)


if __name__ == '__main__':
    main()
