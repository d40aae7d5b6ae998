# stacklog: hook-only recording for zsh (`eval "$(stacklog hook zsh)"`), after common.zsh.
# One line per command is appended to $__stacklog_spool with printf (no process per command):
# start, end (epoch seconds from $EPOCHREALTIME), status, cwd, line (both percent-encoded;
# line empty when it started with a space), terminal, user@host, hidden (1 or 0).
zmodload zsh/datetime

# Who and where, named as every stacklog call names them (see hook.bash); worked out once.
__stacklog_tty=${${TTY-}#/dev/}
[[ -n ${STACKLOG_TERMINAL:-${TMUX_PANE-}} ]] && __stacklog_tty=${STACKLOG_TERMINAL:-tmux$TMUX_PANE}
__stacklog_actor=${STACKLOG_USER:-${USER:-$(id -un 2>/dev/null)}}@${STACKLOG_HOST:-$HOST}

# The rest waits for the end: one pass of work per command.
__stacklog_preexec() {
  __stacklog_running=1 __stacklog_start=$EPOCHREALTIME __stacklog_start_pwd=$PWD __stacklog_typed=$1
}

# Globals rather than locals: each shell command here costs the prompt microseconds.
__stacklog_precmd() {
  __stacklog_s=$?
  if [[ -n $__stacklog_running ]]; then
    __stacklog_running= __stacklog_end=$EPOCHREALTIME __stacklog_hidden=0 \
      __stacklog_line=$__stacklog_typed __stacklog_dir=$__stacklog_start_pwd
    [[ $__stacklog_line == " "* ]] && __stacklog_hidden=1 __stacklog_line=
    if [[ $__stacklog_line$__stacklog_dir == *[%\;\\$'\t\n\r\a\e\x18\x1a']* ]]; then
      __stacklog_pct "$__stacklog_line"
      __stacklog_line=$__stacklog_enc
      __stacklog_pct "$__stacklog_dir"
      __stacklog_dir=$__stacklog_enc
    fi
    # zsh reports a failed redirection on its own stderr: closing the group's keeps it quiet.
    { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$__stacklog_start" "$__stacklog_end" \
      "$__stacklog_s" "$__stacklog_dir" "$__stacklog_line" "$__stacklog_tty" "$__stacklog_actor" \
      "$__stacklog_hidden" >>"$__stacklog_spool"; } 2>&-
  fi
  return $__stacklog_s
}

# Tells stacklog commands run from this shell that it is hooked (`stacklog pause` explains
# that hook mode has no pause).
export STACKLOG_HOOKED=1

__stacklog_install
