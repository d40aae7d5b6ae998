# stacklog: `stacklog shell` starts bash with `--rcfile` pointing here. The user's own startup
# files run first, as an interactive bash would run them; then the recording hooks go in.
# Around each command: OSC 133 C, then stacklog's private `OSC 6973;start;NONCE;CWD;LINE`;
# after it, `OSC 6973;end;NONCE;STATUS;CWD`, then OSC 7 (cwd) and OSC 133 D;status; before
# each prompt OSC 133 A, after it B. stacklog strips its private marks from the screen and
# passes the standard ones on for terminals that use them. CWD and LINE are percent-encoded.
__stacklog_nonce=${STACKLOG_SHELL_NONCE-}
unset STACKLOG_SHELL_NONCE

[ -r /etc/bash.bashrc ] && . /etc/bash.bashrc
[ -r "$HOME/.bashrc" ] && . "$HOME/.bashrc"

. "${BASH_SOURCE[0]%/*}/common.bash"

# Sets what PS0 prints when the command starts (after its OSC 133 C).
__stacklog_on_line() {
  __stacklog_cwd
  __stacklog_pct "$1"
  __stacklog_ps0_text=$'\e]6973;start;'"$__stacklog_nonce;$__stacklog_cwd_enc;$__stacklog_enc"$'\a'
}

# The end marks wait for the prompt marks: one write to the terminal before each prompt.
__stacklog_on_end() {
  __stacklog_cwd
  printf -v __stacklog_ended '\e]6973;end;%s;%s;%s\a\e]7;file://%s%s\a\e]133;D;%s\a' "$__stacklog_nonce" "$1" \
    "$__stacklog_cwd_enc" "$HOSTNAME" "$__stacklog_cwd_enc" "$1"
}

__stacklog_on_prompt() {
  __stacklog_cwd
  # Without line editing no line is taken on Enter: the command is still marked, with no text.
  __stacklog_ps0_text=$'\e]6973;start;'"$__stacklog_nonce;$__stacklog_cwd_enc;"$'\a'
  printf '%s\e]7;file://%s%s\a\e]133;A\a' "${__stacklog_ended-}" "$HOSTNAME" "$__stacklog_cwd_enc" 2>/dev/null >/dev/tty
  __stacklog_ended=
}

# Themes may rebuild PS1 before every prompt: put the marker back each time.
__stacklog_decorate_prompt() {
  [[ $PS1 == "[rec] "* ]] || PS1="[rec] $PS1"
  [[ $PS1 == *'\[\e]133;B\a\]' ]] || PS1+='\[\e]133;B\a\]'
}

PS0="${PS0-}"$'\e]133;C\a'
__stacklog_install
