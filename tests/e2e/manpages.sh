#!/bin/sh
# manpages.sh: the manual pages cannot drift from the code (issue 16
# item 1). Every option `revpack --help` and `revpack COMMAND --help`
# print is in revpack.1; every key the loaders know, read from their own
# tables in src/ (not copied here), is in the page for its file:
# cycle.yaml's in revpack-cycle.5, the rubric's in revpack-rubric.5, the
# template's (keys, documents, styles, colours, words, placeholders,
# blocks and their options, data names and fields) in revpack-template.5;
# and `mandoc -Tlint` is clean on the four pages. Run by tests/run.sh
# ($REVPACK, $TOP, $TMPDIR set).
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/manpages
S=$TOP/src
rm -rf "$W"
mkdir -p "$W"
PAGES="revpack.1 revpack-cycle.5 revpack-rubric.5 revpack-template.5"

# render PAGE: the page as plain text, one line per input line's words
# (mandoc when installed, else groff's mdoc through nroff), hyphenation
# and adjustment off so that a key is never split.
render() {
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -T utf8 -O width=250 "$S/$1"
	else
		nroff -mdoc -Tutf8 -rLL=250n -rHY=0 -Wall "$S/$1" 2>/dev/null
	fi | sed 's/.\x08//g'
}
for p in $PAGES; do
	render "$p" > "$W/$p.txt"
	[ -s "$W/$p.txt" ] || fail "manpages_render_$p" "$p renders to nothing"
done

# arrays FILE NAME...: the string literals of each array initializer
# `... NAME[...] = { "a", "b", ... };` in FILE (it may span lines), one a
# line. A NAME that is not found prints "@missing NAME" so that the
# test fails rather than checking nothing.
arrays() {
	f=$1
	shift
	for n in "$@"; do
		awk -v n="$n" '
			!on && $0 ~ ("[ *]" n "\\[[A-Z_0-9]*\\] = \\{") { on = 1; found = 1 }
			on {
				s = $0
				while (match(s, /"[^"]*"/)) {
					print substr(s, RSTART + 1, RLENGTH - 2)
					s = substr(s, RSTART + RLENGTH)
				}
				if ($0 ~ /\};/) on = 0
			}
			END { if (!found) print "@missing " n }
		' "$f"
	done
}
# keys_in FILE: the strings of every array in FILE named keys, *_keys or
# hkeys (the lists handed to y_keys, the YAML loaders' key check).
keys_in() {
	names=$(grep -oE 'static const char \*const [a-z_]*keys\[' "$1" |
	    sed 's/.* //; s/\[$//' | sort -u)
	[ -n "$names" ] || { echo "@missing keys in $1"; return; }
	arrays "$1" $names
}
# xmacro FILE LIST: the first string of each X(...) line of the X-macro
# `#define LIST(X)` in FILE (TMPL_WORDS, TMPL_VARS).
xmacro() {
	awk -v n="$2" '
		$0 ~ ("#define " n "\\(X\\)") { on = 1; found = 1; next }
		on && /X\(/ { match($0, /"[^"]*"/); print substr($0, RSTART + 1, RLENGTH - 2) }
		on && !/\\$/ { on = 0 }
		END { if (!found) print "@missing " n }
	' "$1"
}

# check_words NAME PAGE LIST: every line of LIST appears in PAGE's text as
# a word of its own (not inside a longer name).
check_words() {
	name=$1 page=$2 list=$3
	sort -u "$list" > "$list.u"
	n=$(wc -l < "$list.u")
	missing=
	while IFS= read -r k; do
		case $k in
		@missing*) missing="$missing ${k#@missing } (not found in src/: the test's extraction is out of date)"; continue ;;
		'') continue ;;
		esac
		grep -qF -- "$k" "$W/$page.txt" &&
		    grep -q -- "\(^\|[^A-Za-z0-9_.-]\)$(printf '%s' "$k" |
		    sed 's/[][\.*^$/]/\\&/g')\($\|[^A-Za-z0-9_-]\)" "$W/$page.txt" ||
		    missing="$missing $k"
	done < "$list.u"
	if [ "$n" -lt 3 ]; then
		fail "$name" "only $n names were read from src/; the extraction is broken"
	elif [ -n "$missing" ]; then
		fail "$name" "not in src/$page:$missing"
	else
		ok "$name"
	fi
}

# 0. The loaders check keys with y_keys(NODE, TABLE, ...). Every TABLE
# must be one this test reads below (an array named keys, hkeys or
# *_keys, or one of the named lists), so that a key list added under
# another name cannot escape the check.
cat "$S"/load_*.c | tr '\n' ' ' |
    grep -oE 'y_keys\([^,]*, *[A-Za-z_]+' | sed 's/.*, *//' | sort -u |
    grep -vxE '[a-z_]*keys|roster_col_names|tmpl_color_names|tmpl_style_names|tmpl_word_keys|names' \
    > "$W/tables"
check manpages_key_tables "$([ -s "$W/tables" ]; [ $? = 1 ]; echo $?)" \
    "y_keys in src/load_*.c takes a table this test does not read: $(tr '\n' ' ' < "$W/tables")"

# 1. Options of the command line, from the program's own --help.
{
	$REVPACK --help
	for c in build validate aggregate handout manifest init; do
		$REVPACK "$c" --help
	done
} > "$W/help.txt" 2>&1
grep -oE '(^|[ [|])--?[a-z][a-z-]*' "$W/help.txt" | sed 's/^[ [|]//' |
    sort -u > "$W/options"
check_words manpages_options revpack.1 "$W/options"

# 2. cycle.yaml: the top-level keys, period, anonymity, a ratings item
# and its columns, role columns and header, the roster's mapping and its
# columns (model.c), the long format's columns, the rater roles that
# rater_weights takes.
{
	keys_in "$S/load_cycle.c"
	arrays "$S/load_cycle.c" roles
	keys_in "$S/load_sources.c"
	arrays "$S/model.c" roster_col_names
	arrays "$S/load_ratings.c" long_cols
} > "$W/cycle"
check_words manpages_cycle_keys revpack-cycle.5 "$W/cycle"

# 3. rubric.yaml: every key list of the rubric loader and of the scale's.
{
	keys_in "$S/load_rubric.c"
	keys_in "$S/load_scale.c"
} > "$W/rubric"
check_words manpages_rubric_keys revpack-rubric.5 "$W/rubric"

# 4. template.yaml: the keys of its mappings; the names of documents,
# styles and colours; every word and placeholder; each block type with
# its options (load_template_blocks.c's btypes[]); the data names and
# their fields (tmpl.c's tmpl_bindings[] and f_* lists).
{
	keys_in "$S/load_template.c"
	keys_in "$S/load_template_blocks.c"
	arrays "$S/tmpl.c" tmpl_doc_names tmpl_style_names tmpl_color_names
	xmacro "$S/tmpl.h" TMPL_WORDS
	awk '/btypes\[NTMPL_BLOCKS\] = \{/ { on = 1 } on && /^};/ { on = 0 }
	    on { s = $0; while (match(s, /"[^"]*"/)) {
	        print substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH) } }' \
	    "$S/load_template_blocks.c"
	awk '/tmpl_bindings\[\] = \{/ { on = 1 } on && /^};/ { on = 0 }
	    on && match($0, /"[^"]*"/) { print substr($0, RSTART + 1, RLENGTH - 2) }' \
	    "$S/tmpl.c"
	arrays "$S/tmpl.c" $(grep -oE 'static const char \*const f_[a-z]+\[' "$S/tmpl.c" |
	    sed 's/.* //; s/\[$//')
} > "$W/template"
# Placeholders are checked as written in a template: {person.name}.
xmacro "$S/tmpl.h" TMPL_VARS | sed 's/.*/{&}/' > "$W/vars"
cat "$W/vars" >> "$W/template"
check_words manpages_template_keys revpack-template.5 "$W/template"

# 5. mandoc -Tlint. The pages refer to each other with .Xr; mandoc looks
# those up among the installed manuals, so "referenced manual not found"
# is expected for the four pages themselves until they are installed, and
# only for them.
if command -v mandoc >/dev/null 2>&1; then
	(cd "$S" && mandoc -Tlint $PAGES) 2>&1 |
	    grep -vE 'STYLE: referenced manual not found: Xr revpack(-cycle 5|-rubric 5|-template 5| 1)( \([0-9]+ times\))?$' \
	    > "$W/lint"
	check manpages_mandoc_lint "$([ -s "$W/lint" ]; [ $? = 1 ]; echo $?)" \
	    "$(head -5 "$W/lint" | tr '\n' ' ')"
else
	echo "ok manpages_mandoc_lint # SKIP mandoc is not installed (Debian package mandoc; make deps installs it)"
fi
