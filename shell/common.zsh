# stacklog: zsh hooks shared by `stacklog shell` and `stacklog hook zsh`.
# No process is started per command: only builtins run in these hooks.
# The including file defines __stacklog_on_start LINE, __stacklog_on_end STATUS,
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

__stacklog_preexec() {
  __stacklog_running=1
  __stacklog_on_start "$1"
}

__stacklog_precmd() {
  local ret=$?
  if [[ -n $__stacklog_running ]]; then
    __stacklog_running=
    __stacklog_on_end $ret
  fi
  [[ -n $__stacklog_prompt_sp ]] && __stacklog_prompt_sp
  __stacklog_on_prompt
  return $ret
}

# Runs last before the prompt, after any theme rebuilt PS1.
__stacklog_ready() {
  __stacklog_decorate_prompt
}

# zsh's PROMPT_SP (the mark and padding shown when the output lacked a final newline) is written
# before precmd, so it would land in the command's output. stacklog turns the option off and
# writes the same bytes itself after the end mark, as zsh's preprompt() in Src/utils.c does
# (assuming a terminal with the usual xn margin behaviour).
__stacklog_prompt_sp() {
  setopt localoptions extendedglob
  local mark=${(%)${PROMPT_EOL_MARK-%B%S%#%s%b}}
  local plain=${mark//$'\e'\[[0-9;?]#[@-~]/}
  local w=${(m)#plain}
  printf '%s%*s\r%*s\r' "$mark" $((COLUMNS - w)) '' $w ''
}

__stacklog_install() {
  if [[ -o prompt_sp && -o prompt_cr ]]; then
    __stacklog_prompt_sp=1
    unsetopt prompt_sp
  fi
  typeset -ga precmd_functions preexec_functions
  # First, so that it sees the command's own $?.
  precmd_functions=(__stacklog_precmd ${precmd_functions:#__stacklog_*} __stacklog_ready)
  preexec_functions=(${preexec_functions:#__stacklog_preexec} __stacklog_preexec)
}
