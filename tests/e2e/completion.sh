#!/bin/sh
# completion.sh: src/revpack.bash, sourced in a bare bash, completes the
# commands, every option `revpack --help` and `revpack COMMAND --help`
# print (also from its own lists, when the revpack being completed cannot
# be run), the --docs values, and names of the right kind of file.
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/completion
rm -rf "$W"
mkdir -p "$W/dir/sub" || exit 1
cd "$W/dir" || exit 1
: > cycle.yaml
: > ratings.csv
command -v bash >/dev/null 2>&1 || { fail completion_bash "bash not found"; exit 1; }

# comp WORD...: what TAB offers after the words, the last one being the
# word under the cursor, as bash would split them ("--docs=sc" is three
# words: --docs = sc). The first word is the program, $REVPACK here.
cat > "$W/comp.bash" <<'EOF'
. "$TOP/src/revpack.bash" || exit 2
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
_revpack
printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
EOF
comp() { bash --norc --noprofile "$W/comp.bash" "$@" 2>&1; }

# expect NAME WANT WORD...: the completions are exactly WANT (one line
# each, sorted).
expect() {
	name=$1 want=$2
	shift 2
	got=$(comp "$@")
	check "$name" "$([ "$got" = "$want" ]; echo $?)" \
	    "revpack ${*#"$1"}<TAB> gave '$(echo "$got" | tr '\n' ' ')', expected '$(echo "$want" | tr '\n' ' ')'"
}

expect completion_command build "$REVPACK" bu
expect completion_build_option --docs "$REVPACK" build --do
expect completion_docs_value scorecard "$REVPACK" build --docs sc
expect completion_docs_list_item scorecard,coaching "$REVPACK" build cycle.yaml --docs scorecard,co
expect completion_docs_equals scorecard "$REVPACK" build --docs = sc
expect completion_format_value "$(printf 'csv\njson\nxlsx')" "$REVPACK" aggregate --format ''
expect completion_top_options "$(printf -- '--help\n--version')" "$REVPACK" -
# Files by kind: a cycle is .yaml (or a folder on the way to one); an
# output folder is a folder; after an option's value, the operand again.
expect completion_cycle_file "$(printf 'cycle.yaml\nsub')" "$REVPACK" build ''
expect completion_cycle_after_option "$(printf 'cycle.yaml\nsub')" "$REVPACK" build --jobs 2 ''
expect completion_out_folder sub "$REVPACK" build cycle.yaml --out ''
expect completion_manifest_folder sub "$REVPACK" manifest ''
expect completion_passwords_file "$(printf 'ratings.csv\nsub')" "$REVPACK" build --passwords ''
expect completion_no_second_cycle "" "$REVPACK" build cycle.yaml ''

# Every option the help texts print, offered after "revpack COMMAND -":
# with the revpack being completed, and from the script's own lists
# (a program that cannot run), so that neither falls behind.
missing=
missing_fallback=
commands=$("$REVPACK" --help | sed -n 's/^  revpack \([a-z][a-z]*\) .*/\1/p')
check completion_help_commands "$([ -n "$commands" ]; echo $?)" "no commands in revpack --help"
for c in $commands; do
	offered=" $(comp "$REVPACK" "$c" - | tr '\n' ' ') "
	fallback=" $(comp "$W/no-revpack" "$c" - | tr '\n' ' ') "
	# The options in brackets on the command's line of revpack --help, and
	# those that start a line of revpack COMMAND --help ("  -o, --output").
	opts=$({ "$REVPACK" --help | grep "^  revpack $c " | grep -oE -- '\[--?[a-z][a-z-]*' |
			tr -d '['
		"$REVPACK" "$c" --help | grep -oE -- '^ +--?[a-z][a-z-]*(, --?[a-z][a-z-]*)?' |
			tr ', ' '\n\n'; } | grep -- '^-' | sort -u)
	for o in $opts; do
		case $offered in *" $o "*) ;; *) missing="$missing $c $o," ;; esac
		case $fallback in *" $o "*) ;; *) missing_fallback="$missing_fallback $c $o," ;; esac
	done
done
check completion_every_help_option "$([ -z "$missing" ]; echo $?)" "not offered:$missing"
check completion_fallback_lists_current "$([ -z "$missing_fallback" ]; echo $?)" \
    "src/revpack.bash's own lists lack:$missing_fallback"
# The --docs values from the script's own list are those --help names.
docs=$("$REVPACK" build --help | sed -n 's/^ *--docs .* \([a-z]*,[a-z,]*\).*/\1/p' | tr ',' '\n' | sort)
got=$(comp "$W/no-revpack" build --docs '')
check completion_fallback_docs_current "$([ -n "$docs" ] && [ "$got" = "$docs" ]; echo $?)" \
    "offered '$(echo "$got" | tr '\n' ' ')', --help lists '$(echo "$docs" | tr '\n' ' ')'"
