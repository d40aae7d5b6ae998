# stacklog: hook-only recording for bash (`eval "$(stacklog hook bash)"`), after common.bash.
# One line per command is appended to $__stacklog_spool with printf (no process per command):
# start, end (epoch seconds from $EPOCHREALTIME), status, cwd, line (both percent-encoded;
# line empty when it started with a space), terminal, user@host, hidden (1 or 0).

# Who and where, named as every stacklog call names them: $STACKLOG_USER, else $USER, else the
# login name; $STACKLOG_HOST, else the host name; $STACKLOG_TERMINAL, else the tmux pane, else
# the tty. Worked out once, here: one `tty` and at most one `id` process, at `eval` time.
__stacklog_tty=$(tty 2>/dev/null) || __stacklog_tty=
__stacklog_tty=${__stacklog_tty#/dev/}
[[ -n ${STACKLOG_TERMINAL:-${TMUX_PANE-}} ]] && __stacklog_tty=${STACKLOG_TERMINAL:-tmux$TMUX_PANE}
__stacklog_actor=${STACKLOG_USER:-${USER:-$(id -un 2>/dev/null)}}@${STACKLOG_HOST:-$HOSTNAME}

# On each Enter; the last one before the command runs gives its start, its cwd and its text.
# The rest waits for the end: one pass of work per command, not per line.
__stacklog_take_line() {
  __stacklog_rehook
  if [[ $READLINE_LINE == *'!'* || $READLINE_LINE == '^'* ]]; then
    __stacklog_expand
  else
    __stacklog_xl=$READLINE_LINE
  fi
  __stacklog_typed=${__stacklog_typed:+$__stacklog_typed$__stacklog_nl}$__stacklog_xl
  __stacklog_start=$EPOCHREALTIME __stacklog_start_pwd=$PWD
}

# Globals rather than locals: each shell command here costs the prompt microseconds.
__stacklog_precmd() {
  __stacklog_s=$?
  if [[ -n $__stacklog_running ]]; then
    # Without line editing no line is taken on Enter: the command is kept, with no text.
    __stacklog_running= __stacklog_end=$EPOCHREALTIME __stacklog_hidden=0 \
      __stacklog_line=$__stacklog_typed __stacklog_dir=${__stacklog_start_pwd:-$PWD}
    [[ $__stacklog_line == " "* ]] && __stacklog_hidden=1 __stacklog_line=
    if [[ $__stacklog_line$__stacklog_dir == *[%\;\\$'\t\n\r\a\e\x18\x1a']* ]]; then
      __stacklog_pct "$__stacklog_line"
      __stacklog_line=$__stacklog_enc
      __stacklog_pct "$__stacklog_dir"
      __stacklog_dir=$__stacklog_enc
    fi
    [[ -n $__stacklog_end ]] || printf -v __stacklog_end '%(%s)T' -1
    # 2>&- rather than 2>/dev/null: a spool that cannot be written stays quiet without a
    # /dev/null opened per command.
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${__stacklog_start:-$__stacklog_end}" "$__stacklog_end" \
      "$__stacklog_s" "$__stacklog_dir" "$__stacklog_line" "$__stacklog_tty" "$__stacklog_actor" \
      "$__stacklog_hidden" 2>&- >>"$__stacklog_spool"
  fi
  # Empty, not unset: a command's first line is never empty (an empty line is no command).
  __stacklog_typed= __stacklog_start= __stacklog_start_pwd=
  return $__stacklog_s
}

# Bash before 5.0 has no $EPOCHREALTIME: whole seconds from printf's clock instead.
if [[ -z ${EPOCHREALTIME-} ]]; then
  __stacklog_take_line() {
    __stacklog_rehook
    if [[ $READLINE_LINE == *'!'* || $READLINE_LINE == '^'* ]]; then
    __stacklog_expand
  else
    __stacklog_xl=$READLINE_LINE
  fi
  __stacklog_typed=${__stacklog_typed:+$__stacklog_typed$__stacklog_nl}$__stacklog_xl
    printf -v __stacklog_start '%(%s)T' -1
    __stacklog_start_pwd=$PWD
  }
fi

# Tells stacklog commands run from this shell that it is hooked (`stacklog pause` explains
# that hook mode has no pause).
export STACKLOG_HOOKED=1

__stacklog_install ""
