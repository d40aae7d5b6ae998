# stacklog: bash hooks shared by `stacklog shell` and `stacklog hook bash`.
# No process is started per command: only builtins run in these hooks.
# The including file defines __stacklog_on_line TEXT (on each Enter), __stacklog_on_end STATUS,
# __stacklog_on_prompt and __stacklog_decorate_prompt.

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

# Sets __stacklog_cwd_enc to $PWD percent-encoded, worked out again only after a cd.
__stacklog_cwd() {
  [[ $PWD == "${__stacklog_cwd_raw-}" ]] && return 0
  __stacklog_pct "$PWD"
  __stacklog_cwd_raw=$PWD
  __stacklog_cwd_enc=$__stacklog_enc
}

# Readline calls this on every Enter (see the bindings below) with the typed text: leading
# space and the lines of a multi-line command included, which `history 1` would not give (and
# reading it would cost a process per command).
__stacklog_take_line() {
  if [[ -n ${__stacklog_typed+set} ]]; then
    __stacklog_typed+=$'\n'"$READLINE_LINE"
  else
    __stacklog_typed=$READLINE_LINE
  fi
  __stacklog_on_line "$__stacklog_typed"
}

__stacklog_precmd() {
  local ret=$?
  if [[ -n $__stacklog_running ]]; then
    __stacklog_running=
    __stacklog_on_end "$ret"
  fi
  __stacklog_on_prompt
  unset __stacklog_typed
  return $ret
}

# Bash expands PS0 in the shell itself once a command line is read, before it runs (empty lines
# excepted); the arithmetic in the substring offset marks the command as running without a fork.
# (Bash skips the offset of an empty variable, hence the one-character __stacklog_x.)
__stacklog_x=x
__stacklog_ps0='${__stacklog_x:$((__stacklog_running=1,0)):0}${__stacklog_ps0_text-}'

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
  if [[ "$(declare -p PROMPT_COMMAND 2>/dev/null)" == "declare -a"* ]]; then
    PROMPT_COMMAND=(__stacklog_precmd "${PROMPT_COMMAND[@]}" __stacklog_decorate_prompt)
  else
    PROMPT_COMMAND="__stacklog_precmd"$'\n'"${PROMPT_COMMAND-}"$'\n'"__stacklog_decorate_prompt"
  fi
  PS0="${PS0-}$__stacklog_ps0"
}
