#!/bin/sh
# build_json_stream.sh: a build writes aggregates.json a megabyte at a
# time (so that 100,000 people's 620 MB are never held whole): the file is
# byte for byte what `revpack aggregate` writes in one piece, and the
# manifest's sha256 and size are the file's.
# Run by tests/run.sh ($REVPACK, $O, $TOP, $TMPDIR set).
W=$TMPDIR/build_json_stream
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1

check() {
	if [ "$2" = 0 ]; then echo "ok $1"; else echo "FAIL $1: $3"; fi
}

"$TOP/$O/tools/genorg" 400 org --rubric "$TOP/rubrics/csm-scorecard.yaml" \
    --seed 3 > gen.out 2>&1 || { echo "FAIL build_json_stream: genorg: $(head -3 gen.out)"; exit 0; }
"$REVPACK" build org/cycle.yaml --out out --docs handout --jobs 1 --quiet 2> err
st=$?
"$REVPACK" aggregate org/cycle.yaml -o whole.json 2> err2
size=$(wc -c < out/aggregates.json 2>/dev/null || echo 0)
check build_json_stream_more_than_a_chunk "$([ $st = 0 ] && [ "$size" -gt 1048576 ]; echo $?)" \
    "status $st, $size bytes: $(head -3 err)"
check build_json_stream_same_bytes "$(cmp -s out/aggregates.json whole.json; echo $?)" \
    "differs from revpack aggregate's: $(cmp out/aggregates.json whole.json 2>&1)"
sum=$(sha256sum out/aggregates.json | cut -d' ' -f1)
check build_json_stream_manifest "$(python3 -c '
import json, sys
m = json.load(open("out/manifest.json"))
f = [e for e in m["files"] if e["path"] == "aggregates.json"]
sys.exit(0 if len(f) == 1 and f[0]["sha256"] == sys.argv[1] and f[0].get("bytes", int(sys.argv[2])) == int(sys.argv[2]) else 1)
' "$sum" "$size"; echo $?)" "manifest entry: $(grep -A3 '"aggregates.json"' out/manifest.json | head -4)"
