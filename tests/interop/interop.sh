#!/usr/bin/env bash
# One interop case between a synack host and the Linux kernel's TCP (issue: prove it
# against real TCP). Makes a network namespace with a TAP device in it, captures the
# TAP, runs the server side and then the client side with mirrored plan flags, and
# checks both sides' verdicts, TIME-WAIT where the case closes into it, and that the
# kernel's capture and the engine's own capture hold the same TCP segments.
#   interop.sh CASE SYNACK_TAP KERNEL_PEER OUT_ROOT
# CASE is NAME.kernel-client or NAME.synack-client; OUT_ROOT/CASE keeps tap.pcap (the
# kernel's view), synack.pcap and trace.txt (the engine's), and both sides' logs.
# Exits 77 (ctest: skipped) with the reason when the machine does not allow it.
set -uo pipefail
case_name=$1 tap_bin=$2 peer_bin=$3
out="$4/$case_name"

skip() { echo "SKIPPED: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "making a network namespace needs root (running as uid $(id -u))"
[ -c /dev/net/tun ] || skip "/dev/net/tun is missing"
command -v ip >/dev/null || skip "the ip command (iproute2) is missing"
command -v dumpcap >/dev/null || skip "dumpcap (from tshark) is missing: run scripts/bootstrap.sh"

rm -rf "$out" && mkdir -p "$out"
ns="synack-$$"
ip netns add "$ns" 2>"$out/netns.err" || skip "cannot make a network namespace: $(cat "$out/netns.err")"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  ip netns del "$ns" 2>/dev/null
}
trap cleanup EXIT
in_ns() { ip netns exec "$ns" "$@"; }

KERNEL=10.77.0.1 SYNACK=10.77.0.2 SYNACK_MAC=02:00:00:00:77:02 PORT=7000
in_ns ip link set lo up
in_ns ip tuntap add dev tap0 mode tap || skip "cannot make a TAP device in the namespace"
in_ns sysctl -qw net.ipv6.conf.tap0.disable_ipv6=1 2>/dev/null  # no router solicitations on the cable
in_ns ip addr add "$KERNEL/24" dev tap0
in_ns ip link set tap0 up

ip netns exec "$ns" dumpcap -q -P -i tap0 -w "$out/tap.pcap" 2>"$out/dumpcap.log" &
pids+=($!)
for _ in $(seq 50); do grep -q "Capturing on" "$out/dumpcap.log" 2>/dev/null && break; sleep 0.1; done

# The plan of each side. A transfer is 1 MB each way, checked byte for byte.
MB=1000000
name=${case_name%.*} dir=${case_name#*.}
server="" client="" synack_extra="" timeout=30 expect_tw=""
case $name in
  handshake)    server="--listen $PORT --close eof";  client="--close first"; expect_tw=client ;;
  transfer)     server="--listen $PORT --send $MB --expect $MB --close eof"
                client="--send $MB --expect $MB --close first"; expect_tw=client ;;
  half-close)   server="--listen $PORT --expect 20000 --send-after-eof 300000 --close eof"
                client="--send 20000 --close first --expect 300000"; expect_tw=client ;;
  server-close) server="--listen $PORT --close first"; client="--close eof"; expect_tw=server ;;
  refused)      server="";  client="--expect-error refused" ;;
  abort)        server="--listen $PORT --send 5000 --close none --expect-error reset"
                client="--expect 5000 --close abort" ;;
  loss)         server="--listen $PORT --send $MB --expect $MB --close eof"
                client="--send $MB --expect $MB --close first"; synack_extra="--loss 5"; timeout=90 ;;
  *) echo "unknown case $case_name"; exit 2 ;;
esac

synack_cmd=("$tap_bin" --tap tap0 --ip $SYNACK --mac $SYNACK_MAC --msl 500ms --out "$out" $synack_extra)
kernel_cmd=("$peer_bin" --timeout $timeout)
if [ "$dir" = kernel-client ]; then
  server_cmd=("${synack_cmd[@]}" --timeout $timeout $server) server_log=synack.log ready="ready"
  [ -z "$server" ] && server_cmd=("${synack_cmd[@]}" --timeout 3)   # no socket: it answers with RST for 3 s
  client_cmd=("${kernel_cmd[@]}" --connect $SYNACK:$PORT $client) client_log=kernel.log
else
  server_cmd=("${kernel_cmd[@]}" $server) server_log=kernel.log ready="listening"
  [ -z "$server" ] && server_cmd=()                                  # nothing listens: the kernel answers with RST
  client_cmd=("${synack_cmd[@]}" --timeout $timeout --connect $KERNEL:$PORT $client) client_log=synack.log
fi

server_pid=""
if [ ${#server_cmd[@]} -gt 0 ]; then
  echo "server: ${server_cmd[*]}"
  ip netns exec "$ns" "${server_cmd[@]}" >"$out/$server_log" 2>&1 &
  server_pid=$!; pids+=($server_pid)
  for _ in $(seq 100); do grep -q "$ready" "$out/$server_log" 2>/dev/null && break; sleep 0.05; done
fi
echo "client: ${client_cmd[*]}"
in_ns "${client_cmd[@]}" >"$out/$client_log" 2>&1
client_rc=$?
server_rc=0
[ -n "$server_pid" ] && { wait "$server_pid"; server_rc=$?; }
in_ns ss -tan state time-wait >"$out/kernel-time-wait.txt" 2>&1
sleep 0.3
kill -TERM "${pids[0]}" 2>/dev/null; wait "${pids[0]}" 2>/dev/null

for f in synack.log kernel.log; do [ -f "$out/$f" ] && sed "s/^/  /" "$out/$f"; done
failures=()
[ "$client_rc" -eq 0 ] || failures+=("client exited $client_rc")
[ "$server_rc" -eq 0 ] || failures+=("server exited $server_rc")

# TIME-WAIT belongs to whoever sent the first FIN.
if [ -n "$expect_tw" ]; then
  # The kernel plays the client in kernel-client cases, the server otherwise.
  kernel_role=$([ "$dir" = kernel-client ] && echo client || echo server)
  tw_side=$([ "$expect_tw" = "$kernel_role" ] && echo kernel || echo synack)
  if [ "$tw_side" = kernel ]; then
    grep -q "$SYNACK:$PORT\|$SYNACK" "$out/kernel-time-wait.txt" \
      && echo "  kernel: the connection is in TIME-WAIT (ss)" || failures+=("the kernel's socket is not in TIME-WAIT")
  else
    grep -q "TIME-WAIT -> CLOSED" "$out/synack.log" || failures+=("synack did not pass through TIME-WAIT")
  fi
fi

# Wireshark reads the kernel's capture without complaint, and it holds the segments the
# engine says crossed the cable: all of them without loss, a subset with it.
if command -v tshark >/dev/null && [ -s "$out/tap.pcap" ]; then
  fields=(-T fields -e tcp.srcport -e tcp.dstport -e tcp.seq_raw -e tcp.ack_raw -e tcp.flags -e tcp.len -Y tcp)
  tshark -r "$out/tap.pcap" "${fields[@]}" 2>/dev/null | sort >"$out/tap.segments"
  tshark -r "$out/synack.pcap" "${fields[@]}" 2>/dev/null | sort >"$out/synack.segments"
  # Stream reassembly off, as in tests/cli/wireshark_check.sh: with it on, every
  # retransmission is reported as an overlapping fragment. The verdict is on synack's
  # frames. The kernel's own are counted apart: Linux's incremental checksum updates
  # now and then send 0xffff, the other ones'-complement zero, which verifies (synack
  # took those frames) but which Wireshark flags after RFC 1624.
  verdict() {
    tshark -r "$out/tap.pcap" -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE -o tcp.desegment_tcp_streams:FALSE \
      -Y "eth.src $1 $SYNACK_MAC && (_ws.malformed || ip.checksum.status == 0 || tcp.checksum.status == 0)" 2>/dev/null | wc -l
  }
  bad=$(verdict ==) kernel_flagged=$(verdict !=)
  echo "  tshark: $(wc -l <"$out/tap.segments") TCP segments at the TAP, $(wc -l <"$out/synack.segments") in the engine's capture, $bad of synack's malformed or with bad checksums ($kernel_flagged of the kernel's flagged)"
  [ "$bad" -eq 0 ] || failures+=("$bad of synack's frames malformed or with bad checksums in the TAP capture")
  [ -s "$out/tap.segments" ] || failures+=("no TCP segment in the TAP capture")
  missing=$(comm -23 "$out/tap.segments" "$out/synack.segments" | wc -l)
  [ "$missing" -eq 0 ] || failures+=("$missing segments at the TAP are missing from the engine's capture")
  if [ -z "$synack_extra" ] && ! cmp -s "$out/tap.segments" "$out/synack.segments"; then
    failures+=("the TAP capture and the engine's capture differ (diff $out/tap.segments $out/synack.segments)")
  fi
fi

if [ ${#failures[@]} -gt 0 ]; then
  printf 'FAIL: %s\n' "${failures[@]}"
  exit 1
fi
echo "PASS: $case_name"
