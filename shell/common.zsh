# stacklog: zsh hooks shared by `stacklog shell` and `stacklog hook zsh`.
# No process is started per command, and little shell code runs: every command of these hooks
# costs the operator's prompt microseconds, so they stay short, call few functions and make one
# write per hook.
# The including file defines __stacklog_preexec LINE and __stacklog_precmd, then calls
# __stacklog_install (with "prompt_sp" when its marks must come before zsh's PROMPT_SP).

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
__stacklog_running=
__stacklog_cwd() {
  __stacklog_pct "$PWD"
  __stacklog_cwd_raw=$PWD
  __stacklog_cwd_enc=$__stacklog_enc
}

# zsh's PROMPT_SP (the mark and padding shown when the output lacked a final newline) is written
# before precmd, so it would land in the command's output. stacklog turns the option off and
# writes the same bytes itself after the end mark, as zsh's preprompt() in Src/utils.c does
# (assuming a terminal with the usual xn margin behaviour). Sets __stacklog_sp to those bytes;
# callers test [[ $COLUMNS:${PROMPT_EOL_MARK-%B%S%#%s%b} == "$__stacklog_sp_key" ]] first: they
# are worked out again only when the width or the mark changes.
__stacklog_sp_key=
__stacklog_prompt_sp() {
  setopt localoptions extendedglob
  local mark=${(%)${PROMPT_EOL_MARK-%B%S%#%s%b}}
  local plain=${mark//$'\e'\[[0-9;?]#[@-~]/}
  local w=${(m)#plain}
  printf -v __stacklog_sp '%s%*s\r%*s\r' "$mark" $((COLUMNS - w)) '' $w ''
  __stacklog_sp_key=$COLUMNS:${PROMPT_EOL_MARK-%B%S%#%s%b}
}

__stacklog_install() {
  __stacklog_prompt_sp=
  if [[ $1 == prompt_sp && -o prompt_sp && -o prompt_cr ]]; then
    __stacklog_prompt_sp=1
    unsetopt prompt_sp
  fi
  typeset -ga precmd_functions preexec_functions
  # zsh runs a function named precmd before precmd_functions: what a user's precmd prints (a
  # title, a status line) would land in the output of the command before. It moves to just
  # after ours, still ahead of the others.
  if (( ${+functions[precmd]} )); then
    functions[__stacklog_user_precmd]=$functions[precmd]
    unfunction precmd
    precmd_functions=(__stacklog_user_precmd ${precmd_functions:#__stacklog_user_precmd})
  fi
  # First, so that it sees the command's own $?; the prompt decoration (if any) last, after any
  # theme rebuilt PS1.
  precmd_functions=(__stacklog_precmd ${precmd_functions:#(__stacklog_precmd|__stacklog_decorate_prompt)})
  (( ${+functions[__stacklog_decorate_prompt]} )) && precmd_functions+=(__stacklog_decorate_prompt)
  preexec_functions=(${preexec_functions:#__stacklog_preexec} __stacklog_preexec)
}
