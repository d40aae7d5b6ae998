# stacklog: bash hooks shared by `stacklog shell` and `stacklog hook bash`.
# No process is started per command, and little shell code runs: every command of these hooks
# costs the operator's prompt a few microseconds, so they stay short, call few functions and
# make one write per command.
# The including file defines __stacklog_take_line (called on each Enter with the typed text in
# READLINE_LINE) and __stacklog_precmd (first in PROMPT_COMMAND), then calls __stacklog_install.

__stacklog_nl=$'\n'

# Percent-encodes what would break a one-line record or an OSC string; result in __stacklog_enc.
__stacklog_pct() {
  __stacklog_enc=$1
  # Most lines and paths hold none of these: skip the substitutions, which cost more than the rest.
  [[ $1 == *[%\;\\$'\t\n\r\a\e\x18\x1a']* ]] || return 0
  local s=$1
  s=${s//\%/%25}
  s=${s//\\/%5C}
  s=${s//;/%3B}
  s=${s//$'\t'/%09}
  s=${s//$'\n'/%0A}
  s=${s//$'\r'/%0D}
  s=${s//$'\a'/%07}
  s=${s//$'\e'/%1B}
  s=${s//$'\x18'/%18}
  s=${s//$'\x1a'/%1A}
  __stacklog_enc=$s
}

# Sets __stacklog_cwd_enc to $PWD percent-encoded. Callers test
# [[ $PWD == "$__stacklog_cwd_raw" ]] first: it is worked out again only after a cd.
__stacklog_cwd_raw=
__stacklog_cwd() {
  __stacklog_pct "$PWD"
  __stacklog_cwd_raw=$PWD
  __stacklog_cwd_enc=$__stacklog_enc
}

# Readline calls __stacklog_take_line on every Enter (see the bindings below) with the typed
# text: leading space and the lines of a multi-line command included, which `history 1` would
# not give (and reading it would cost a process per command). The lines of one command gather in
# __stacklog_typed, which __stacklog_precmd empties (a command's first line is never empty):
#   __stacklog_typed=${__stacklog_typed:+$__stacklog_typed$__stacklog_nl}$__stacklog_xl
# (the line after history expansion: see __stacklog_expand)

# Sets __stacklog_xl to $READLINE_LINE as bash will run it: `!!`, `!$` and `^old^new` go
# through history expansion first (`history -p`, in a subshell). Callers test for a `!` or a
# leading `^` first: other lines cost no subshell.
# Called from a key binding, `history -p` takes the last history entry for the line being
# edited (`!!` gave the command before the last one); after `history -s` it does not, and
# `history -d -1` (bash 5) takes the added entry off again. All of it in the subshell.
__stacklog_expand() {
  __stacklog_xl=$READLINE_LINE
  [[ $- == *H* ]] && ((BASH_VERSINFO[0] >= 5)) || return 0
  __stacklog_xl=$(history -s -- x && history -d -1 && history -p -- "$READLINE_LINE" 2>/dev/null) ||
    __stacklog_xl=$READLINE_LINE
}

# Bash expands PS0 in the shell itself once a command line is read, before it runs (empty lines
# excepted); the arithmetic in the substring offset marks the command as running without a fork.
# (Bash skips the offset of an empty variable, hence the one-character __stacklog_x.)
__stacklog_x=x
__stacklog_running=
__stacklog_ps0_running='${__stacklog_x:$((__stacklog_running=1,0)):0}'

# Binds Enter, puts __stacklog_precmd first in PROMPT_COMMAND and $2 (if given) last, and
# appends $1, then the running mark, to PS0 ($1 can tell by __stacklog_running whether it is the
# first command of the line: several pasted lines run as several commands, each expanding PS0).
__stacklog_install() {
  local map
  if [[ $- == *i* ]]; then
    for map in emacs vi-insert vi-command; do
      bind -m "$map" -x '"\e[9971~": __stacklog_take_line' 2>/dev/null
      bind -m "$map" '"\e[9972~": accept-line' 2>/dev/null
      bind -m "$map" '"\C-m": "\e[9971~\e[9972~"' 2>/dev/null
      bind -m "$map" '"\C-j": "\e[9971~\e[9972~"' 2>/dev/null
    done
  fi
  __stacklog_prompt_last=${2-}
  __stacklog_hook_prompt "$@"
  PS0="${PS0-}$1$__stacklog_ps0_running"
}

# An operator who sets PROMPT_COMMAND after the hooks went in (`PROMPT_COMMAND='history -a'`)
# takes them out: no command would end, and every later one would run on in the first's record.
# Called on each Enter (one string test): puts them back, around the operator's new ones.
__stacklog_rehook() {
  [[ "${PROMPT_COMMAND[*]-}" == *__stacklog_precmd* ]] && return 0
  __stacklog_hook_prompt "" ${__stacklog_prompt_last:+"$__stacklog_prompt_last"}
  # the command that ran before this line had no end: this line's start ends it, on its own
  __stacklog_running= __stacklog_typed=
}

# Puts __stacklog_precmd first in PROMPT_COMMAND and $2 (if given) last.
__stacklog_hook_prompt() {
  # bash-preexec installs itself from PROMPT_COMMAND on the first prompt, and what follows its
  # install step in that prompt's list then runs under its DEBUG trap as if it were typed (its
  # preexec functions would run for $2, not for the first command): $2 goes before that step.
  local pending=${__bp_install_string-} entry placed=
  [[ -n $pending && -n ${2-} && "${PROMPT_COMMAND[*]-}" == *"$pending"* ]] || pending=
  if [[ "$(declare -p PROMPT_COMMAND 2>/dev/null)" == "declare -a"* ]]; then
    local -a list=(__stacklog_precmd)
    for entry in "${PROMPT_COMMAND[@]}"; do
      if [[ -n $pending && -z $placed && $entry == *"$pending"* ]]; then
        list+=("$2")
        placed=1
      fi
      list+=("$entry")
    done
    [[ -n $placed ]] || list+=(${2+"$2"})
    PROMPT_COMMAND=("${list[@]}")
  elif [[ -n $pending ]]; then
    PROMPT_COMMAND="__stacklog_precmd"$'\n'"${PROMPT_COMMAND/"$pending"/"$2"$'\n'"$pending"}"
  elif [[ -n ${PROMPT_COMMAND-} ]]; then
    PROMPT_COMMAND="__stacklog_precmd"$'\n'"$PROMPT_COMMAND"${2+$'\n'"$2"}
  else
    PROMPT_COMMAND="__stacklog_precmd"${2+$'\n'"$2"}
  fi
}
