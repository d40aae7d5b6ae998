# stacklog: loaded by the .zshrc of the ZDOTDIR that `stacklog shell` gives zsh, after the
# user's own .zshrc. Around each command: OSC 133 C, then stacklog's private
# `OSC 6973;start;NONCE;CWD;LINE`; after it, `OSC 6973;end;NONCE;STATUS;CWD`, then OSC 7 (cwd)
# and OSC 133 D;status; before each prompt OSC 133 A, after it B. stacklog strips its private
# marks from the screen and passes the standard ones on. CWD and LINE are percent-encoded.
: ${__stacklog_nonce:=${STACKLOG_SHELL_NONCE-}}
unset STACKLOG_SHELL_NONCE
source "${${(%):-%x}:A:h}/common.zsh"

__stacklog_on_start() {
  __stacklog_cwd
  __stacklog_pct "$1"
  printf '\e]133;C\a\e]6973;start;%s;%s;%s\a' "$__stacklog_nonce" "$__stacklog_cwd_enc" "$__stacklog_enc" 2>/dev/null >/dev/tty
}

__stacklog_on_end() {
  __stacklog_cwd
  printf '\e]6973;end;%s;%s;%s\a\e]7;file://%s%s\a\e]133;D;%s\a' "$__stacklog_nonce" "$1" "$__stacklog_cwd_enc" \
    "$HOST" "$__stacklog_cwd_enc" "$1" 2>/dev/null >/dev/tty
}

__stacklog_on_prompt() {
  __stacklog_cwd
  printf '\e]7;file://%s%s\a\e]133;A\a' "$HOST" "$__stacklog_cwd_enc" 2>/dev/null >/dev/tty
}

__stacklog_decorate_prompt() {
  [[ $PS1 == "[rec] "* ]] || PS1="[rec] $PS1"
  [[ $PS1 == *$'%{\e]133;B\a%}' ]] || PS1+=$'%{\e]133;B\a%}'
}

__stacklog_install
