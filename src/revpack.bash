# revpack.bash: bash completion for revpack: the commands, each command's
# options, the values of --docs and --format, and names of the files or
# folders each argument takes (.yaml for cycles, rubrics and templates).
# The options and the --docs values are read from `revpack COMMAND --help`
# of the revpack being completed, so new ones are offered without editing
# this file; the lists below serve when that revpack cannot be run.
#
# `make install` puts it in PREFIX/share/bash-completion/completions/revpack,
# where bash-completion finds it; without installing: . src/revpack.bash

_revpack_commands="build validate aggregate handout manifest init"

# _revpack_help PROG CMD: CMD's usage as PROG prints it, or nothing.
_revpack_help()
{
	local p=$1
	[[ $p == "~/"* ]] && p=$HOME/${p#"~/"}
	"$p" "$2" --help 2>/dev/null
}

# _revpack_opts HELP CMD: CMD's options, one per line: those in HELP's
# usage line ("[--out DIR]") and at the start of its option lines
# ("  -o, --output FILE"), else the ones known when this file was written.
_revpack_opts()
{
	if [[ -n $1 ]]; then
		{
			grep '^usage:' <<<"$1" | grep -oE -- '\[--?[a-z][a-z-]*' | tr -d '['
			grep -oE -- '^ +--?[a-z][a-z-]*(, --?[a-z][a-z-]*)?' <<<"$1" |
				tr ', ' '\n\n'
		} | grep -- '^-' | sort -u
	else
		case $2 in
		build) printf '%s\n' --out --docs --only --jobs --shard \
			--passwords --quiet ;;
		aggregate) printf '%s\n' --format -o --output ;;
		handout) printf '%s\n' --template --deck -o --output ;;
		init) printf '%s\n' --rubric --roster --template ;;
		esac
	fi
	echo --help
}

# _revpack_takes_value HELP OPT: true when OPT is followed by a value
# (HELP shows it with a capitalised placeholder: "--out DIR").
_revpack_takes_value()
{
	if [[ -n $1 ]]; then
		grep -qE -- "(^|[][ ,|])$2( [A-Z]|, --?[a-z-]+ [A-Z])" <<<"$1"
	else
		case $2 in
		--out | --docs | --only | --jobs | --shard | --passwords | \
		--format | -o | --output | --template | --rubric | --roster)
			return 0 ;;
		esac
		return 1
	fi
}

# _revpack_files CUR KIND...: COMPREPLY gets the folders starting with CUR
# and, unless KIND is "dir", the files ending in one of the KINDs ("" for
# any file).
_revpack_files()
{
	local cur=$1 kind IFS=$'\n'
	shift
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -d -- "$cur"))
	[[ $1 == dir ]] && return
	for kind in "$@"; do
		if [[ -z $kind ]]; then
			COMPREPLY+=($(compgen -f -- "$cur"))
		else
			COMPREPLY+=($(compgen -f -X "!*.$kind" -- "$cur"))
		fi
	done
}

# _revpack_list CUR WORDS: completes the last item of CUR, a comma list
# of WORDS, leaving out the items already in it.
_revpack_list()
{
	local cur=$1 done= w words=
	[[ $cur == *,* ]] && done=${cur%,*},
	for w in $2; do
		[[ ,$done == *,$w,* ]] || words+=" $w"
	done
	COMPREPLY=($(compgen -P "$done" -W "$words" -- "${cur##*,}"))
	compopt -o nospace 2>/dev/null
}

_revpack()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= opt= cmd= help i n=0 w docs
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()

	# The command: the first word after revpack.
	if ((COMP_CWORD == 1)); then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$_revpack_commands" -- "$cur"))
		fi
		return
	fi
	cmd=${COMP_WORDS[1]}
	[[ " $_revpack_commands " == *" $cmd "* ]] || return
	help=$(_revpack_help "${COMP_WORDS[0]}" "$cmd")

	# "--opt value", "--opt=value" (bash splits at the "="), "--opt=".
	if [[ $cur == = ]]; then
		opt=$prev
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 2)); then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $prev == -* ]] && _revpack_takes_value "$help" "$prev"; then
		opt=$prev
	fi
	case $opt in
	'') ;;
	--docs)
		docs=$(sed -n 's/^ *--docs .* \([a-z]*,[a-z,]*\).*/\1/p' <<<"$help")
		[[ -n $docs ]] || docs=scorecard,coaching,form,packet,team,org,handout,deck
		_revpack_list "$cur" "${docs//,/ }"
		return ;;
	--format) COMPREPLY=($(compgen -W "json csv xlsx" -- "$cur")); return ;;
	--out) _revpack_files "$cur" dir; return ;;
	--template | --rubric) _revpack_files "$cur" yaml; return ;;
	--roster) _revpack_files "$cur" csv xlsx; return ;;
	--passwords) _revpack_files "$cur" csv; return ;;
	-o | --output)
		case $cmd in
		handout) _revpack_files "$cur" pdf pptx ;;
		*) _revpack_files "$cur" json csv xlsx ;;
		esac
		return ;;
	*) return ;;	# a number, ids, K/N: nothing to offer
	esac

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_revpack_opts "$help" "$cmd")" -- "$cur"))
		return
	fi

	# Which operand this is: words after the command that are neither
	# options nor their values.
	for ((i = 2; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == -* ]]; then
			[[ ${COMP_WORDS[i + 1]} == = ]] && ((i += 2)) && continue
			_revpack_takes_value "$help" "$w" && ((i++))
		else
			((n++))
		fi
	done
	case $cmd in
	manifest) ((n == 0)) && _revpack_files "$cur" dir ;;
	init)
		if ((n == 0)); then
			_revpack_files "$cur" dir
		else
			_revpack_files "$cur" ""	# the exports: any file
		fi ;;
	*) ((n == 0)) && _revpack_files "$cur" yaml yml ;;
	esac
}
complete -F _revpack revpack
