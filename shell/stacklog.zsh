# stacklog: loaded by the .zshrc of the ZDOTDIR that `stacklog shell` gives zsh, after the
# user's own .zshrc. Around each command: OSC 133 C, then stacklog's private
# `OSC 6973;start;NONCE;CWD;LINE`; after it, `OSC 6973;end;NONCE;STATUS;CWD`, then OSC 7 (cwd)
# and OSC 133 D;status; before each prompt OSC 133 A, after it B. stacklog strips its private
# marks from the screen and passes the standard ones on. CWD and LINE are percent-encoded.
: ${__stacklog_nonce:=${STACKLOG_SHELL_NONCE-}}
unset STACKLOG_SHELL_NONCE
source "${${(%):-%x}:A:h}/common.zsh"

# The marks go where zsh writes its prompt: the terminal, whatever stderr is. It is opened once,
# close-on-exec so that no program the operator runs inherits it (without zsh/system: once per
# write, and zsh reports a failed redirection on its own stderr, hence the closed one).
# Function calls cost zsh microseconds each: the writes and checks below are inline.
__stacklog_fd=0
zmodload zsh/system 2>/dev/null && sysopen -w -o cloexec -u __stacklog_fd /dev/tty 2>/dev/null

__stacklog_preexec() {
  __stacklog_running=1
  [[ $PWD == "$__stacklog_cwd_raw" ]] || __stacklog_cwd
  __stacklog_enc=$1
  [[ $1 == *[%\;\\$'\t\n\r\a\e\x18\x1a']* ]] && __stacklog_pct "$1"
  __stacklog_out=$'\e]133;C\a\e]6973;start;'"$__stacklog_nonce;$__stacklog_cwd_enc;$__stacklog_enc"$'\a'
  if (( __stacklog_fd )); then
    print -rn -u $__stacklog_fd -- "$__stacklog_out"
  else
    { print -rn -- "$__stacklog_out" >/dev/tty; } 2>&-
  fi
}

# The end marks of the command that ran, PROMPT_SP, then the prompt marks: one write.
__stacklog_precmd() {
  __stacklog_s=$?
  [[ $PWD == "$__stacklog_cwd_raw" ]] || __stacklog_cwd
  __stacklog_out=
  if [[ -n $__stacklog_running ]]; then
    __stacklog_running=
    __stacklog_out=$'\e]6973;end;'"$__stacklog_nonce;$__stacklog_s;$__stacklog_cwd_enc"$'\a\e]7;file://'"$HOST$__stacklog_cwd_enc"$'\a\e]133;D;'"$__stacklog_s"$'\a'
  fi
  if [[ -n $__stacklog_prompt_sp ]]; then
    [[ $COLUMNS:${PROMPT_EOL_MARK-%B%S%#%s%b} == "$__stacklog_sp_key" ]] || __stacklog_prompt_sp
    __stacklog_out+=$__stacklog_sp
  fi
  __stacklog_out+=$'\e]7;file://'"$HOST$__stacklog_cwd_enc"$'\a\e]133;A\a'
  if (( __stacklog_fd )); then
    print -rn -u $__stacklog_fd -- "$__stacklog_out"
  else
    { print -rn -- "$__stacklog_out" >/dev/tty; } 2>&-
  fi
  return $__stacklog_s
}

# Themes may rebuild PS1 before every prompt: put the marker back each time (a plain string
# comparison when nothing changed). The marker says [paused] while `stacklog pause` holds: that
# command leaves the file $STACKLOG_PAUSED_FILE until `stacklog resume` (one stat per prompt).
__stacklog_ps1= __stacklog_tag='[rec] '
__stacklog_decorate_prompt() {
  if [[ -n ${STACKLOG_PAUSED_FILE-} && -e $STACKLOG_PAUSED_FILE ]]; then
    __stacklog_t='[paused] '
  else
    __stacklog_t='[rec] '
  fi
  [[ -n $__stacklog_ps1 && $PS1 == "$__stacklog_ps1" && $__stacklog_t == "$__stacklog_tag" ]] &&
    return 0
  PS1=$__stacklog_t${PS1#"$__stacklog_tag"}
  __stacklog_tag=$__stacklog_t
  [[ $PS1 == *$'%{\e]133;B\a%}' ]] || PS1+=$'%{\e]133;B\a%}'
  __stacklog_ps1=$PS1
}

# A line typed with a leading space is kept out of the record ([not recorded]): keep it out of
# the history too, or `fc -l` would print it into the next command's output. The same for lines
# typed while recording is paused.
setopt hist_ignore_space
__stacklog_history() {
  [[ -n ${STACKLOG_PAUSED_FILE-} && -e $STACKLOG_PAUSED_FILE ]] && return 1
  return 0
}
zshaddhistory_functions+=(__stacklog_history)

__stacklog_install prompt_sp
