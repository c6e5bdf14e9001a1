#!/bin/sh
# tests/run.sh: runs every test of revpack and ends with "N passed, N failed".
#   unit tests    $O/san/unit/test_*   (print "ok NAME" / "FAIL NAME: why")
#   golden cases  tests/golden/SUITE/CASE/  (see tests/README.md)
#   scripts       tests/e2e/*.sh       (print "ok NAME" / "FAIL NAME: why")
# UPDATE=1 rewrites the expected files of golden cases that differ.
# ONLY=PATTERN runs only tests whose name contains PATTERN.
O=${O:-build}
# Scripts build paths as $TOP/$O: keep O relative to the top, even when
# the build dir was given as an absolute path.
case "$O" in /*) O=$(realpath -m --relative-to="$(pwd)" "$O") ;; esac
REVPACK=$(cd "$(dirname "${REVPACK:-$O/san/revpack}")" && pwd)/$(basename "${REVPACK:-$O/san/revpack}")
TOP=$(pwd)
TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/revpack-test.XXXXXX")
export REVPACK O TOP TMPDIR
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LC_ALL=C.UTF-8
trap 'rm -rf "$TMPDIR"' EXIT INT TERM
pass=0
fail=0
failures=$TMPDIR/failures

want() {
	[ -z "$ONLY" ] && return 0
	case "$1" in *"$ONLY"*) return 0 ;; esac
	return 1
}

# count_lines FILE NAME STATUS: tallies ok/FAIL lines a test program printed.
count_lines() {
	ok=$(grep -c '^ok ' "$1")
	ko=$(grep -c '^FAIL ' "$1")
	pass=$((pass + ok))
	fail=$((fail + ko))
	# a FAIL line with what follows it up to the next ok/FAIL line (a
	# script's message of several lines: a program's stderr), indented,
	# at most 20 (a unit test's stderr comes before its buffered stdout)
	awk '/^FAIL /{f=1; n=0; print; next} /^ok /{f=0; next}
	    f && n++ < 20 {print "    " $0}' "$1" >> "$failures"
	if [ "$3" != 0 ] && [ "$ko" = 0 ]; then
		fail=$((fail + 1))
		echo "FAIL $2: exit status $3" >> "$failures"
		tail -20 "$1" | sed 's/^/    /' >> "$failures"
	fi
}

# 1. unit tests
for t in "$O"/san/unit/test_*; do
	[ -x "$t" ] || continue
	want "$(basename "$t")" || continue
	"$t" > "$TMPDIR/unit.out" 2>&1
	count_lines "$TMPDIR/unit.out" "$(basename "$t")" $?
done

# 2. golden cases
for dir in tests/golden/*/*/; do
	[ -d "$dir" ] || continue
	dir=${dir%/}
	want "$dir" || continue
	if [ -f "$dir/cmd" ]; then
		cmd=$(cat "$dir/cmd")
	else
		cmd="\$REVPACK validate $(cd "$dir" && ls *.yaml | head -1)"
	fi
	want_status=1
	[ -f "$dir/status" ] && want_status=$(cat "$dir/status")
	(cd "$dir" && eval "$cmd") > "$TMPDIR/out" 2> "$TMPDIR/err"
	st=$?
	bad=
	[ "$st" = "$want_status" ] || bad="exit status $st, expected $want_status"
	if ! cmp -s "$TMPDIR/err" "$dir/stderr" 2>/dev/null; then
		bad="${bad:+$bad; }stderr differs"
		[ -n "$UPDATE" ] && cp "$TMPDIR/err" "$dir/stderr"
	fi
	if [ -f "$dir/stdout" ] && ! cmp -s "$TMPDIR/out" "$dir/stdout"; then
		bad="${bad:+$bad; }stdout differs"
		[ -n "$UPDATE" ] && cp "$TMPDIR/out" "$dir/stdout"
	fi
	if [ -z "$bad" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		{
			echo "FAIL $dir: $bad"
			[ -f "$dir/stderr" ] && diff "$dir/stderr" "$TMPDIR/err" | head -20 | sed 's/^/    /'
			[ -f "$dir/stdout" ] && diff "$dir/stdout" "$TMPDIR/out" | head -20 | sed 's/^/    /'
		} >> "$failures"
	fi
done

# 3. scripts
for s in tests/e2e/*.sh; do
	[ -f "$s" ] || continue
	want "$s" || continue
	sh "$s" > "$TMPDIR/e2e.out" 2>&1
	count_lines "$TMPDIR/e2e.out" "$s" $?
done

[ -f "$failures" ] && cat "$failures"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
