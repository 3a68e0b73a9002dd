#!/usr/bin/env bash
# Kernel captures made now, in a network namespace of their own: curl against Debian's
# python3 http.server with HTTP keep-alive off (the server closes) and on (two requests
# on one connection, the client closes), a refused port, and an abort (RST from
# SO_LINGER 0). Each capture (dumpcap on the namespace's loopback, pcapng) goes through
# `synack replay`, which must find the connection opened and ended as Linux did it and
# each end's inferred states to match. Skips (exit 77) without root or namespaces.
# usage: kernel_capture.sh SYNACK_CLI OUT_DIR
set -uo pipefail
cli="$1"; out="$2"
skip() { echo "SKIPPED: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root for a network namespace"
py=/usr/bin/python3
for t in "$py" curl dumpcap ip; do command -v "$t" >/dev/null || skip "$t is not installed"; done
mkdir -p "$out"
ns="synack-cap-$$"
ip netns add "$ns" 2>"$out/netns.err" || skip "cannot make a network namespace: $(cat "$out/netns.err")"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; ip netns del "$ns" 2>/dev/null; }
trap cleanup EXIT
in_ns() { ip netns exec "$ns" "$@"; }
in_ns ip link set lo up
echo hello > "$out/index.html"
fail=0
check() {  # name, pattern that `replay` (or --list) output must contain
  if grep -qF -- "$3" "$out/$1.$2"; then echo "$1: ok: $3"
  else echo "$1: FAIL: no \"$3\" in $out/$1.$2" >&2; fail=1; fi
}
capture() {  # name, command...: runs the command in the namespace with dumpcap on lo
  local name="$1"; shift
  ip netns exec "$ns" dumpcap -q -i lo -f "tcp" -w "$out/$name.pcapng" 2>"$out/$name.dumpcap.log" &
  local dc=$!
  for _ in $(seq 50); do grep -q "Capturing" "$out/$name.dumpcap.log" 2>/dev/null && break; sleep 0.1; done
  sleep 0.3
  in_ns "$@" >"$out/$name.cmd.log" 2>&1
  sleep 0.5
  kill -TERM "$dc"; wait "$dc" 2>/dev/null  # dumpcap finishes its file on TERM
  "$cli" replay "$out/$name.pcapng" --list >"$out/$name.list" 2>&1
  "$cli" replay "$out/$name.pcapng" >"$out/$name.trace" 2>&1
}
serve() {  # protocol: HTTP/1.0 closes after each response, HTTP/1.1 keeps the connection
  (cd "$out" && exec ip netns exec "$ns" "$py" -c "import http.server as h
h.SimpleHTTPRequestHandler.protocol_version = '$1'
h.ThreadingHTTPServer(('127.0.0.1', 8000), h.SimpleHTTPRequestHandler).serve_forever()" >"$out/server.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 50); do in_ns "$py" -c "import socket; socket.create_connection(('127.0.0.1', 8000), 0.2).close()" 2>/dev/null && break; sleep 0.1; done
}
serve HTTP/1.0
capture keepalive-off curl -s http://127.0.0.1:8000/index.html
check keepalive-off list "handshake        FIN both ways"
# Which end closes first depends on timing (curl may close once it has the response).
check keepalive-off trace "conn 1 ESTABLISHED -> FIN-WAIT-1  [close() sends FIN, inferred]"
check keepalive-off trace "-> TIME-WAIT"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null; pids=()
in_ns "$py" -c "import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', 8000)); s.close()" \
  || { echo "the HTTP/1.0 server did not let go of port 8000" >&2; exit 1; }
serve HTTP/1.1
capture keepalive-on curl -s http://127.0.0.1:8000/index.html http://127.0.0.1:8000/index.html
# Keep-alive: both requests on one connection. Counted by handshakes: the tail of the
# readiness probe's connection to the previous server can fall inside this capture.
opened=$(grep -c ' handshake ' "$out/keepalive-on.list")
if [ "$opened" = 1 ]; then echo "keepalive-on: ok: one connection opened by a handshake"
else echo "keepalive-on: FAIL: $opened connections opened by a handshake in $out/keepalive-on.list" >&2; fail=1; fi
check keepalive-on trace "conn 1 ESTABLISHED -> FIN-WAIT-1  [close() sends FIN, inferred]"
check keepalive-on trace "127.0.0.1:8000 conn 1 ESTABLISHED -> CLOSE-WAIT  [received FIN, inferred]"
capture refused curl -s http://127.0.0.1:8001/
check refused list "refused (RST)"
check refused trace "conn 1 SYN-SENT -> CLOSED  [connection refused, inferred]"
capture abort "$py" -c "import socket, struct, time
s = socket.create_connection(('127.0.0.1', 8000)); time.sleep(0.1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); s.close()"
check abort list "handshake        RST"
check abort trace "conn 1 ESTABLISHED -> CLOSED  [aborted, inferred]"
check abort trace "127.0.0.1:8000 conn 1 ESTABLISHED -> CLOSED  [connection reset by peer, inferred]"
exit $fail
