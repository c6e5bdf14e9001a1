#!/bin/sh
# build_symlinks.sh: a symbolic link planted inside --out, where a folder
# or file of the build belongs (a person's folder, people/, managers/ID,
# departments/, a final file name), stops the build with exit 3 naming
# the link; nothing outside --out is created, changed or chmodded. The
# --out root itself may be a link (the user's choice).
. "$TOP/tests/e2e/build_fixture.inc"
W=$TMPDIR/build_symlinks
rm -rf "$W"
make_cycle "$W/c"
cd "$W" || exit 1

# state: a listing of the victim folder that changes when anything in it
# is created, written or chmodded.
state() { find victim -printf '%p %y %m %s %T@\n' | sort; }

# planted NAME LINK TARGET: a fresh full build in o, then LINK (relative
# to o) replaced by a symbolic link to TARGET, then a second build.
planted() {
	rm -rf o victim
	mkdir victim
	echo untouched > victim/scorecard.pdf
	chmod 755 victim
	chmod 644 victim/scorecard.pdf
	$REVPACK build c/cycle.yaml --out o --jobs 2 --quiet 2>/dev/null ||
	    { fail "$1" "the first build failed"; return; }
	before=$(state)
	rm -rf "o/$2"
	ln -s "$3" "o/$2"
	$REVPACK build c/cycle.yaml --out o --jobs 2 --quiet 2> err
	st=$?
	after=$(state)
	check "$1" "$([ $st = 3 ] && grep -q "^o/$2: error: is a symbolic link" err && [ "$before" = "$after" ]; echo $?)" \
	    "status $st: $(cat err); victim before: $before; after: $after"
}

planted build_link_person_folder people/p1 "$W/victim"
planted build_link_people people "$W/victim"
planted build_link_manager_folder managers/m2 "$W/victim"
planted build_link_departments departments "$W/victim"
planted build_link_final_file people/p2/scorecard.pdf "$W/victim/scorecard.pdf"

# The root given as a link is the user's choice: written through.
rm -rf o victim real
mkdir real
ln -s real o
$REVPACK build c/cycle.yaml --out o --quiet 2> err
st=$?
check build_link_root_is_fine "$([ $st = 0 ] && [ -f real/manifest.json ]; echo $?)" "status $st: $(cat err)"
