# stacklog: hook-only recording for bash (`eval "$(stacklog hook bash)"`), after common.bash.
# One line per command is appended to $__stacklog_spool with printf (no process per command):
# start, end (epoch seconds from $EPOCHREALTIME), status, cwd, line (both percent-encoded;
# line empty when it started with a space), terminal, user@host, hidden (1 or 0).
__stacklog_tty=$(tty 2>/dev/null)

__stacklog_clock() {
  if [[ -n ${EPOCHREALTIME-} ]]; then
    __stacklog_t=$EPOCHREALTIME
  else
    printf -v __stacklog_t '%(%s)T' -1
  fi
}

# Called on each Enter: the last call before the command runs holds its start and its text.
__stacklog_on_line() {
  __stacklog_clock
  __stacklog_start=$__stacklog_t
  __stacklog_cwd
  __stacklog_start_cwd=$__stacklog_cwd_enc
  if [[ $1 == " "* ]]; then
    __stacklog_hidden=1
    __stacklog_line=
  else
    __stacklog_hidden=0
    __stacklog_pct "$1"
    __stacklog_line=$__stacklog_enc
  fi
}

__stacklog_on_end() {
  __stacklog_clock
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$__stacklog_start" "$__stacklog_t" "$1" \
    "$__stacklog_start_cwd" "$__stacklog_line" "$__stacklog_tty" "$USER@$HOSTNAME" "$__stacklog_hidden" \
    2>/dev/null >>"$__stacklog_spool"
}

__stacklog_on_prompt() { :; }
__stacklog_decorate_prompt() { :; }

__stacklog_install
