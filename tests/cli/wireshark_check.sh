#!/usr/bin/env bash
# Wireshark's verdict on synack's pcap export: every frame of every scenario decodes,
# with 0 malformed frames and 0 bad IP or TCP checksums (validation on).
# usage: wireshark_check.sh SYNACK_CLI OUT_DIR SCENARIO...
set -euo pipefail
cli="$1"; out="$2"; shift 2
if ! command -v tshark >/dev/null; then
  echo "tshark is not installed: run scripts/bootstrap.sh" >&2
  exit 1
fi
mkdir -p "$out"
fail=0
for s in "$@"; do
  name=$(basename "$s" .toml)
  pcap="$out/$name.pcap"
  "$cli" run "$s" --trace none --pcap "$pcap"
  # One pass (tshark's start-up is most of its cost here): io,stat counts every frame in
  # column 1 and, in column 2, those Wireshark's default profile (stream reassembly on, so
  # the HTTP dissector reads what goes to port 80) marks malformed, with an expert error
  # (e.g. a reassembly overlap) or a bad IP or TCP checksum (validation on).
  row=$(tshark -r "$pcap" -q -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE \
          -z "io,stat,0,frame,_ws.malformed || _ws.expert.severity == error || ip.checksum.status == 0 || tcp.checksum.status == 0" \
          2>/dev/null | grep -E '^\| *[0-9.]+ <> ' | tail -1)
  # The row reads "| 0.000 <> 0.190 |     12 |  5808 |      0 |     0 |".
  frames=$(awk -F'|' '{ gsub(/ /, "", $3); print $3 }' <<<"$row")
  bad=$(awk -F'|' '{ gsub(/ /, "", $5); print $5 }' <<<"$row")
  frames=${frames:-0}; bad=${bad:-unread}
  if [ "$frames" -eq 0 ] || [ "$bad" != 0 ]; then
    echo "$name: $frames frames, $bad malformed or with bad checksums" >&2
    fail=1
  else
    echo "$name: $frames frames, 0 malformed, 0 bad checksums ($pcap)"
  fi
done
exit $fail
