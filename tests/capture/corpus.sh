#!/usr/bin/env bash
# The capture importer on files nobody here made: the test captures of Debian's tcpdump
# and wireshark source packages (scripts/bootstrap.sh unpacks them into
# .cache/src/captures). Every file must give a stream table or a clear error (exit 2 with
# the byte offset), never a crash; every capture with TCP must replay its default
# connection. Prints the counts (files, captures, connections) and the largest file's
# open time and peak memory.
# usage: corpus.sh SYNACK_CLI CAPTURES_DIR
set -uo pipefail
cli="$1"; dir="$2"
if [ ! -d "$dir" ] || [ -z "$(ls -A "$dir" 2>/dev/null)" ]; then
  echo "SKIPPED: no capture corpus in $dir (scripts/bootstrap.sh fetches it)"
  exit 77
fi
files=0; captures=0; connections=0; no_tcp=0; not_capture=0; refused=0; fail=0
largest=""; largest_size=0
while IFS= read -r -d '' f; do
  files=$((files + 1))
  out=$("$cli" replay "$f" --list 2>&1); rc=$?
  if [ $rc -eq 0 ]; then
    captures=$((captures + 1))
    connections=$((connections + $(echo "$out" | tail -1 | awk '{print $1}')))
    if ! "$cli" replay "$f" >/dev/null 2>&1; then
      echo "FAIL $f: listed, but its default connection does not replay" >&2; fail=1
    fi
    size=$(stat -c %s "$f")
    if [ "$size" -gt "$largest_size" ]; then largest="$f"; largest_size=$size; fi
  elif [ $rc -eq 2 ]; then
    # A clean refusal must name the byte offset.
    if ! echo "$out" | grep -q ": at byte [0-9]*: "; then
      echo "FAIL $f: error without an offset: $out" >&2; fail=1
    elif echo "$out" | grep -q "none of them TCP"; then no_tcp=$((no_tcp + 1))
    elif echo "$out" | grep -q "at byte 0: magic number"; then not_capture=$((not_capture + 1))
    else refused=$((refused + 1)); echo "refused: ${out#synack: }"
    fi
  else
    echo "FAIL $f: exit $rc (a crash?): $out" >&2; fail=1
  fi
done < <(find "$dir" -type f ! -name '*.stamp' -print0 | sort -z)
echo "corpus: $files files: $captures captures with TCP ($connections connections), $no_tcp without TCP," \
     "$not_capture not capture files, $refused refused with an error"
if [ -n "$largest" ]; then
  /usr/bin/time -f "%e %M" -o /tmp/synack-corpus-time.$$ "$cli" replay "$largest" --trace none >/dev/null 2>&1
  read -r secs kb < /tmp/synack-corpus-time.$$; rm -f /tmp/synack-corpus-time.$$
  echo "FIGURE largest capture with TCP: $largest ($largest_size bytes): replay in $secs s, peak RSS $kb KB"
fi
[ "$captures" -gt 0 ] || { echo "FAIL: no capture in the corpus could be read" >&2; fail=1; }
exit $fail
