#!/bin/sh
# tests/e2e/aggregate_cli.sh: what `revpack aggregate` promises around the
# figures: -o writes the same bytes as standard output, mode 0600, the same
# bytes on every run; an input error exits 1 and writes nothing; an output
# that cannot be written exits 3 and leaves nothing behind.
# Run by tests/run.sh ($REVPACK, $TOP, $TMPDIR set).
: "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
W=$TMPDIR/aggregate_cli
CYCLE=$TOP/samples/2026-H1/cycle.yaml
rm -rf "$W"
mkdir -p "$W"

ok() { echo "ok aggregate_cli: $1"; }
fail() { echo "FAIL aggregate_cli: $1"; }

# 1. -o FILE: the bytes of standard output, mode 0600, whatever the umask.
"$REVPACK" aggregate "$CYCLE" > "$W/stdout.json" 2>/dev/null
st1=$?
(umask 022 && "$REVPACK" aggregate "$CYCLE" -o "$W/a.json" 2>/dev/null)
st2=$?
if [ "$st1" = 0 ] && [ "$st2" = 0 ] && cmp -s "$W/stdout.json" "$W/a.json"; then
	ok "-o writes what standard output gets"
else
	fail "-o: exit $st1/$st2 or bytes differ"
fi
mode=$(stat -c %a "$W/a.json" 2>/dev/null)
[ "$mode" = 600 ] && ok "-o file is mode 0600" || fail "-o file mode is $mode, expected 600"

# 2. Byte-identical between runs, JSON and CSV.
"$REVPACK" aggregate "$CYCLE" -o "$W/b.json" 2>/dev/null
"$REVPACK" aggregate "$CYCLE" --format csv -o "$W/a.csv" 2>/dev/null
"$REVPACK" aggregate "$CYCLE" --format=csv -o "$W/b.csv" 2>/dev/null
if cmp -s "$W/a.json" "$W/b.json" && cmp -s "$W/a.csv" "$W/b.csv"; then
	ok "same bytes on every run"
else
	fail "two runs gave different bytes"
fi

# 3. The CSV: BOM, header, one row per person of the roster, CRLF.
rows=$(($(grep -c '' "$W/a.csv") - 1))
people=$(($(grep -c '' "$TOP/samples/2026-H1/roster.csv") - 1))
head -c 3 "$W/a.csv" | od -An -tx1 | tr -d ' \n' > "$W/bom"
if [ "$(cat "$W/bom")" = efbbbf ] && [ "$rows" = "$people" ] &&
    head -1 "$W/a.csv" | grep -q "^.*id,name,level,manager_id,department,overall,percent,label,coverage,complaint-handling,.*,management-leadership$(printf '\r')\$"; then
	ok "csv: BOM, header, $rows rows"
else
	fail "csv: BOM $(cat "$W/bom"), $rows rows for $people people, header $(head -1 "$W/a.csv")"
fi

# 4. Warnings: on standard error and in warnings[], the same lines.
"$REVPACK" aggregate "$CYCLE" 2> "$W/err" > "$W/c.json"
n=$(grep -c ': warning: ' "$W/err")
if [ "$n" -ge 1 ] && grep -q 'cs-017.*has no rated competency' "$W/err" &&
    grep -q 'has no rated competency' "$W/c.json"; then
	ok "warnings on stderr and in warnings[] ($n)"
else
	fail "warnings: $n on stderr"
fi

# 5. An input error: exit 1, nothing written, the error named.
cp -r "$TOP/samples/2026-H1" "$W/broken"
cp -r "$TOP/samples/2025-H2" "$W/2025-H2"
sed -i "s#\.\./\.\./#$TOP/#" "$W/broken/cycle.yaml"
sed -i "s#\.\./\.\./#$TOP/#" "$W/2025-H2/cycle.yaml"
sed -i '3s/,5,$/,7,/; 3s/,6,$/,7,/' "$W/broken/ratings.csv"
"$REVPACK" aggregate "$W/broken/cycle.yaml" -o "$W/broken.json" 2> "$W/broken.err" > "$W/broken.out"
st=$?
if [ "$st" = 1 ] && [ ! -e "$W/broken.json" ] && [ ! -s "$W/broken.out" ] &&
    grep -q 'ratings.csv:3: error:' "$W/broken.err" &&
    [ -z "$(ls -A "$W" | grep '\.tmp')" ]; then
	ok "input error: exit 1, nothing written"
else
	fail "input error: exit $st, $(head -2 "$W/broken.err")"
fi

# 6. An output that cannot be written: exit 3, nothing left behind. A
# read-only folder (root writes anywhere: then a missing folder).
mkdir -p "$W/ro"
if [ "$(id -u)" = 0 ]; then
	out=$W/ro/missing/x.json
else
	chmod 500 "$W/ro"
	out=$W/ro/x.json
fi
"$REVPACK" aggregate "$CYCLE" -o "$out" 2> "$W/ro.err" > /dev/null
st=$?
chmod 700 "$W/ro"
if [ "$st" = 3 ] && [ -z "$(ls -A "$W/ro")" ] && grep -q 'cannot write' "$W/ro.err"; then
	ok "unwritable output: exit 3, nothing left"
else
	fail "unwritable output: exit $st, $(grep -v warning "$W/ro.err" | head -1)"
fi
