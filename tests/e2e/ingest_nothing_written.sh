#!/bin/sh
# tests/e2e/ingest_nothing_written.sh: every broken cycle of the golden
# corpus (tests/golden/cycle/, the cases that exit 1) stops `revpack
# aggregate -o FILE` and `revpack build --out DIR` with status 1 before
# anything is written, and each lists the same problems as `validate`.
# Run by tests/run.sh ($REVPACK, $TOP, $TMPDIR set).
: "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
W=$TMPDIR/ingest_nothing_written
rm -rf "$W"
mkdir -p "$W"
n=0
bad=0
for dir in "$TOP"/tests/golden/cycle/*/; do
	[ -f "$dir/status" ] && [ "$(cat "$dir/status")" != 1 ] && continue
	[ -f "$dir/cycle.yaml" ] || continue
	name=$(basename "$dir")
	n=$((n + 1))
	(cd "$dir" && "$REVPACK" validate cycle.yaml) > /dev/null 2> "$W/validate.err"
	(cd "$dir" && "$REVPACK" aggregate cycle.yaml -o "$W/$name.json") \
		> "$W/out" 2> "$W/aggregate.err"
	st=$?
	if [ $st != 1 ] || [ -e "$W/$name.json" ] || [ -s "$W/out" ]; then
		echo "FAIL ingest_nothing_written: $name: aggregate exits $st or writes"
		bad=1
	elif ! cmp -s "$W/validate.err" "$W/aggregate.err"; then
		echo "FAIL ingest_nothing_written: $name: aggregate lists other problems than validate"
		diff "$W/validate.err" "$W/aggregate.err" | head -5
		bad=1
	fi
	(cd "$dir" && "$REVPACK" build cycle.yaml --out "$W/$name.out" --quiet) \
		> /dev/null 2>&1
	st=$?
	if [ $st != 1 ] || [ -e "$W/$name.out" ]; then
		echo "FAIL ingest_nothing_written: $name: build exits $st or writes"
		bad=1
	fi
done
if [ $n -lt 25 ]; then
	echo "FAIL ingest_nothing_written: only $n broken cycles found"
elif [ $bad = 0 ]; then
	echo "ok ingest_nothing_written: $n broken cycles, nothing written"
fi
