#!/bin/sh
# tests/stress/interrupts.sh: issue 17's interrupt acceptance. Builds a
# synthetic organisation and interrupts full builds at random moments:
# TERMS times SIGTERM, HUPS times SIGHUP, KILLS times SIGKILL. After each
# SIGTERM or SIGHUP: the status is 143 or 129 (or 0 when the build was
# done first), no temporary (".NAME.tmp-*") is left under --out and no
# scratch folder under TMPDIR. After every run, kill -9 included: every
# file under a final name is complete (a PDF starts with %PDF- and ends
# with %%EOF; JSON parses). After a kill -9, the next run removes what it
# left (temporaries and the scratch folder); the script ends with such a
# run. Slow (minutes), so not part of `make test`:
#
#   sh tests/stress/interrupts.sh [REVPACK]
#   N=2000 TERMS=200 HUPS=50 KILLS=50 JOBS=2 QPDF=0 (environment)
#
# QPDF=1 also runs `qpdf --check` on every PDF after each run (much
# slower). Prints one line per failure and a summary; exits 1 on failure.
REVPACK=${1:-./revpack}
N=${N:-2000}
TERMS=${TERMS:-200}
HUPS=${HUPS:-50}
KILLS=${KILLS:-50}
JOBS=${JOBS:-2}
QPDF=${QPDF:-0}
TOP=$(pwd)
GEN=${GEN:-$TOP/${O:-build}/tools/genorg}
W=$(mktemp -d "${TMPDIR:-/tmp}/revpack-stress.XXXXXX")
trap 'rm -rf "$W"' EXIT
export TMPDIR=$W/tmp        # the scratch folders of the runs go here only
mkdir -p "$TMPDIR"
fails=0
runs=0

[ -x "$GEN" ] || { echo "interrupts: $GEN not built (make tools)"; exit 1; }
"$GEN" "$N" "$W/org" --rubric "$TOP/rubrics/csm-scorecard.yaml" > /dev/null ||
    exit 1

fail() { echo "FAIL $*"; fails=$((fails + 1)); }

# complete: prints the files under $W/o that are not whole.
complete() {
	python3 - "$W/o" <<'PY'
import json, os, sys
for dp, dn, fn in os.walk(sys.argv[1]):
    for f in fn:
        p = os.path.join(dp, f)
        if ".tmp-" in f:
            continue
        with open(p, "rb") as h:
            b = h.read()
        if f.endswith(".pdf") and not (b.startswith(b"%PDF-") and b"%%EOF" in b[-64:]):
            print(p)
        elif f.endswith(".json"):
            try:
                json.loads(b)
            except ValueError:
                print(p)
PY
	if [ "$QPDF" = 1 ]; then
		find "$W/o" -name '*.pdf' ! -name '.*' 2> /dev/null | while read -r f; do
			qpdf --check "$f" > /dev/null 2>&1 || echo "$f"
		done
	fi
}

# The full build's duration bounds the random moments.
t0=$(date +%s%N)
"$REVPACK" build "$W/org/cycle.yaml" --out "$W/o" --jobs "$JOBS" --quiet 2> /dev/null
full=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "interrupts: $N people, a full build takes ${full} ms"

# one SIG EXPECT: a fresh build (the output folder removed one time in
# two, so that both first builds and reruns are interrupted), SIG at a
# random moment within the build's duration.
one() {
	runs=$((runs + 1))
	[ $((runs % 2)) = 0 ] && rm -rf "$W/o"
	ms=$(awk -v s="$runs$$" -v f="$full" 'BEGIN { srand(s); printf "%d", rand() * f }')
	"$REVPACK" build "$W/org/cycle.yaml" --out "$W/o" --jobs "$JOBS" --quiet 2> "$W/err" &
	pid=$!
	sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
	kill -s "$1" "$pid" 2> /dev/null
	wait "$pid"
	st=$?
	bad=$(complete)
	[ -z "$bad" ] || fail "$1 run $runs at ${ms} ms: damaged: $bad"
	[ "$1" = KILL ] && return
	[ "$st" = "$2" ] || [ "$st" = 0 ] ||
	    fail "$1 run $runs at ${ms} ms: status $st, expected $2: $(head -3 "$W/err")"
	left=$(find "$W/o" -name '.*.tmp-*' 2> /dev/null)
	[ -z "$left" ] || fail "$1 run $runs at ${ms} ms: temporaries left: $left"
	left=$(ls "$TMPDIR")
	[ -z "$left" ] || fail "$1 run $runs at ${ms} ms: scratch left: $left"
	rm -rf "${TMPDIR:?}"/*  # so that one failure is not counted again
}

i=0; while [ $i -lt "$TERMS" ]; do one TERM 143; i=$((i + 1)); done
i=0; while [ $i -lt "$HUPS" ]; do one HUP 129; i=$((i + 1)); done
kscratch=0
i=0; while [ $i -lt "$KILLS" ]; do
	one KILL 137
	[ -z "$(ls "$TMPDIR")" ] || kscratch=$((kscratch + 1))
	i=$((i + 1))
done
# The run after the last kill -9 sweeps what it left.
"$REVPACK" build "$W/org/cycle.yaml" --out "$W/o" --jobs "$JOBS" --quiet 2> /dev/null ||
    fail "the build after the kills failed"
left=$(find "$W/o" -name '.*.tmp-*')
[ -z "$left" ] || fail "temporaries left after the run that follows a kill -9: $left"
left=$(ls "$TMPDIR")
[ -z "$left" ] || fail "scratch left after the run that follows a kill -9: $left"
bad=$(complete)
[ -z "$bad" ] || fail "damaged after the last run: $bad"
echo "interrupts: $TERMS SIGTERM, $HUPS SIGHUP, $KILLS SIGKILL ($kscratch left a scratch folder, swept by the next run): $fails failure(s)"
[ "$fails" = 0 ]
