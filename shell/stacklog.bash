# stacklog: `stacklog shell` starts bash with `--rcfile` pointing here. The user's own startup
# files run first, as an interactive bash would run them; then the recording hooks go in.
# Around each line typed (one command, or several pasted together): OSC 133 C, then stacklog's
# private `OSC 6973;start;NONCE;CWD;LINE`; after it, `OSC 6973;end;NONCE;STATUS;CWD`, then
# OSC 7 (cwd) and OSC 133 D;status; before each prompt OSC 133 A, after it B. stacklog strips
# its private marks from the screen and passes the standard ones on for terminals that use them.
# CWD and LINE are percent-encoded.
__stacklog_nonce=${STACKLOG_SHELL_NONCE-}
unset STACKLOG_SHELL_NONCE

[ -r /etc/bash.bashrc ] && . /etc/bash.bashrc
[ -r "$HOME/.bashrc" ] && . "$HOME/.bashrc"

. "${BASH_SOURCE[0]%/*}/common.bash"

# A line typed with a leading space is kept out of the record ([not recorded]): keep it out of
# the history too, or `history` would print it into the next command's output. A tool loaded by
# the rc files may take ignorespace out again (bash-preexec does, on the first prompt, to read
# each command from the history): it is put back before such a line is read (see below).
__stacklog_ignorespace() {
  case ":${HISTCONTROL-}:" in
  *:ignorespace:* | *:ignoreboth:*) ;;
  *) HISTCONTROL=${HISTCONTROL:+$HISTCONTROL:}ignorespace ;;
  esac
}
__stacklog_ignorespace

# The start mark PS0 prints once a line is read: OSC 133 C, then `6973;start;NONCE;CWD;LINE`.
# Made on Enter with the typed text, and before each prompt with none (without line editing no
# line is taken on Enter, and the command is still marked).
__stacklog_mark_esc=$'\e]133;C\a\e]6973;start;'

# On each Enter: the start mark that PS0 prints (after its OSC 133 C) gets the typed text.
__stacklog_take_line() {
  __stacklog_rehook
  if [[ $READLINE_LINE == *'!'* || $READLINE_LINE == '^'* ]]; then
    __stacklog_expand
  else
    __stacklog_xl=$READLINE_LINE
  fi
  __stacklog_typed=${__stacklog_typed:+$__stacklog_typed$__stacklog_nl}$__stacklog_xl
  [[ $PWD == "$__stacklog_cwd_raw" ]] || __stacklog_cwd
  if [[ $__stacklog_typed == *[%\;\\$'\t\n\r\a\e\x18\x1a']* ]]; then
    __stacklog_pct "$__stacklog_typed"
    __stacklog_line_enc=$__stacklog_enc
  else
    __stacklog_line_enc=$__stacklog_typed
  fi
  [[ $READLINE_LINE == ' '* ]] && __stacklog_ignorespace
  __stacklog_mark=$__stacklog_mark_esc$__stacklog_nonce\;$__stacklog_cwd_enc\;$__stacklog_line_enc$'\a'
}

# The end marks of the command that ran, then the prompt marks: one write before each prompt, to
# stderr, where bash writes the prompt and PS0 too.
__stacklog_precmd() {
  __stacklog_s=$?
  [[ $PWD == "$__stacklog_cwd_raw" ]] || __stacklog_cwd
  if [[ -n $__stacklog_running ]]; then
    __stacklog_running=
    printf '\e]6973;end;%s;%s;%s\a\e]7;file://%s%s\a\e]133;D;%s\a\e]7;file://%s%s\a\e]133;A\a' \
      "$__stacklog_nonce" "$__stacklog_s" "$__stacklog_cwd_enc" "$HOSTNAME" "$__stacklog_cwd_enc" \
      "$__stacklog_s" "$HOSTNAME" "$__stacklog_cwd_enc" >&2
  else
    printf '\e]7;file://%s%s\a\e]133;A\a' "$HOSTNAME" "$__stacklog_cwd_enc" >&2
  fi
  # Without line editing no line is taken on Enter: the command is still marked, with no text.
  __stacklog_line_enc= __stacklog_typed=
  __stacklog_mark=$__stacklog_mark_esc$__stacklog_nonce\;$__stacklog_cwd_enc\;$'\a'
  return $__stacklog_s
}

# Themes may rebuild PS1 before every prompt: put the marker back each time (a plain string
# comparison when nothing changed). The marker says [paused] while `stacklog pause` holds: that
# command leaves the file $STACKLOG_PAUSED_FILE until `stacklog resume` (one stat per prompt).
__stacklog_ps1= __stacklog_tag='[rec] '
__stacklog_decorate_prompt() {
  # While paused, typed lines are kept out of the history as well (a later `history` would
  # print them into a recorded command's output): HISTIGNORE='*' until recording resumes.
  if [[ -n ${STACKLOG_PAUSED_FILE-} && -e $STACKLOG_PAUSED_FILE ]]; then
    __stacklog_t='[paused] '
    if [[ -z ${__stacklog_histignore+set} ]]; then
      __stacklog_histignore=${HISTIGNORE-}
      HISTIGNORE='*'
    fi
  else
    __stacklog_t='[rec] '
    if [[ -n ${__stacklog_histignore+set} ]]; then
      HISTIGNORE=$__stacklog_histignore
      unset __stacklog_histignore
    fi
  fi
  [[ -n $__stacklog_ps1 && $PS1 == "$__stacklog_ps1" && $__stacklog_t == "$__stacklog_tag" ]] &&
    return 0
  PS1=$__stacklog_t${PS1#"$__stacklog_tag"}
  __stacklog_tag=$__stacklog_t
  [[ $PS1 == *'\[\e]133;B\a\]' ]] || PS1+='\[\e]133;B\a\]'
  __stacklog_ps1=$PS1
}

# PS0: the start mark, for the first command of the line only. Lines pasted together (bracketed
# paste) are read with one Enter and run as several commands, PS0 expanded before each, with one
# prompt after the last: one record, like a multi-line command, with the last one's status.
# (The mark's length times 1 - running: all of it before the first command, none after.)
__stacklog_mark=$__stacklog_mark_esc$__stacklog_nonce\;\;$'\a'
__stacklog_install '${__stacklog_mark:0:${#__stacklog_mark}*(1-__stacklog_running)}' \
  __stacklog_decorate_prompt
