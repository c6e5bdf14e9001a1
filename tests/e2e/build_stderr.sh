#!/bin/sh
# build_stderr.sh: what revpack build prints: worker messages in job order
# whatever --jobs (so stderr is the same from run to run), a message given
# once per run printed once, the progress bar only on a terminal and not
# with --quiet, and the closing line.
. "$TOP/tests/e2e/build_fixture.inc"
W=$TMPDIR/build_stderr
rm -rf "$W"
make_cycle "$W/c"
cd "$W" || exit 1

BUILD_FAKE_WARN=1 $FAKE c/cycle.yaml --out a --jobs 1 --quiet 2> e1
BUILD_FAKE_WARN=1 BUILD_FAKE_SLOW_MS=2 $FAKE c/cycle.yaml --out b --jobs 5 --quiet 2> e5
BUILD_FAKE_WARN=1 $FAKE c/cycle.yaml --out c --jobs 3 --quiet 2> e3
cmp -s e1 e5 && cmp -s e1 e3
check build_stderr_same_whatever_jobs $? "$(diff e1 e5 | head -6)"
n=$(grep -c 'a warning given once per run' e5)
check build_stderr_once_is_once "$([ "$n" = 1 ]; echo $?)" "$n times"
# Job order: the plan's (rubric documents, organisation, departments, then
# each person in roster order).
order=$(grep -o '[a-z/0-9-]*\.pdf: a warning' e5 | sed 's/: a warning//' | head -8 | tr '\n' ' ')
check build_stderr_job_order "$([ "$order" = "handout.pdf deck.pdf blank-form.pdf org.pdf departments/support.pdf departments/sales.pdf people/m1/scorecard.pdf people/m1/coaching.pdf " ]; echo $?)" \
    "$order"

# The closing line says what, where and how long; --quiet drops it.
$FAKE c/cycle.yaml --out d 2> e
grep -q '^revpack: wrote 59 files and the manifest ([0-9.]* kB) to d/ in [0-9.]* s$' e
check build_closing_line $? "$(tail -1 e)"
$FAKE c/cycle.yaml --out d --shard 2/3 2> e
grep -q '^revpack: wrote [0-9]* files and the manifest (.*) to d/ as shard 2 of 3 in [0-9.]* s$' e
check build_closing_line_shard $? "$(tail -1 e)"
check build_quiet_no_closing_line "$(! grep -q 'revpack: wrote' e1; echo $?)" "$(cat e1 | tail -1)"

# No progress bar when stderr is not a terminal...
check build_no_bar_off_terminal "$(! grep -q "$(printf '\r')" e; echo $?)" "a carriage return in a file"
# ... one on a terminal (script(1) gives it one), none with --quiet.
if command -v script > /dev/null; then
	script -qec "$FAKE c/cycle.yaml --out t1" /dev/null > tty1 2>&1
	script -qec "$FAKE c/cycle.yaml --out t2 --quiet" /dev/null > tty2 2>&1
	check build_bar_on_terminal "$(grep -q "$(printf '\r')\[#*\.*\] [0-9]*/[0-9]* files" tty1; echo $?)" \
	    "$(od -c tty1 | head -3)"
	check build_bar_quiet "$(! grep -q "files *[0-9]*%" tty2; echo $?)" "$(od -c tty2 | head -3)"
fi
