#!/usr/bin/env bash
# The kernel-oracle harness (see docs/LINUX.md).
#   oracle.sh compare SYNACK_CLI OUT    synack against the committed kernel captures (no root needed)
#   oracle.sh kernel  SYNACK_CLI OUT    record the kernel afresh into OUT/kernel, then compare (root)
#   oracle.sh record  SYNACK_CLI OUT    re-record the committed captures in tests/oracle/kernel (root)
# Exits 77 (ctest: skipped) with the reason where recording is not possible.
set -uo pipefail
mode=$1 cli=$2 out=$3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scenarios=("$here"/scenarios/*.toml)
start=$EPOCHREALTIME
skip() { echo "SKIPPED: $*"; exit 77; }
command -v python3 >/dev/null || skip "python3 is missing"
kdir="$here/kernel"
if [ "$mode" != compare ]; then
  [ "$(id -u)" = 0 ] || skip "making network namespaces needs root (running as uid $(id -u))"
  command -v ip >/dev/null || skip "the ip command (iproute2) is missing"
  command -v nft >/dev/null || skip "nft (nftables) is missing: run scripts/bootstrap.sh"
  command -v dumpcap >/dev/null || skip "dumpcap (from tshark) is missing: run scripts/bootstrap.sh"
  probe="synack-oracle-probe-$$"
  ip netns add "$probe" 2>/dev/null || skip "cannot make a network namespace"
  ip netns exec "$probe" nft add table ip probe 2>/dev/null; ok=$?
  ip netns del "$probe"
  [ $ok = 0 ] || skip "nftables does not work in a network namespace here"
  [ "$mode" = kernel ] && kdir="$out/kernel"
  mkdir -p "$kdir"
  python3 "$here/record.py" "$kdir" "${scenarios[@]}" || exit 1
fi
python3 "$here/compare.py" "$cli" "$kdir" "$out" "${scenarios[@]}"; rc=$?
echo "oracle $mode: $(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$EPOCHREALTIME") s"
exit $rc
