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
  frames=$(tshark -r "$pcap" 2>/dev/null | wc -l)
  # Wireshark's default profile (stream reassembly on, so the HTTP dissector reads what
  # goes to port 80), plus checksum validation; an expert error (e.g. a reassembly
  # overlap) counts as malformed.
  bad=$(tshark -r "$pcap" -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE \
          -Y "_ws.malformed || _ws.expert.severity == error || ip.checksum.status == 0 || tcp.checksum.status == 0" \
          2>/dev/null | wc -l)
  if [ "$frames" -eq 0 ] || [ "$bad" -ne 0 ]; then
    echo "$name: $frames frames, $bad malformed or with bad checksums" >&2
    fail=1
  else
    echo "$name: $frames frames, 0 malformed, 0 bad checksums ($pcap)"
  fi
done
exit $fail
