# stacklog: hook-only recording for zsh (`eval "$(stacklog hook zsh)"`), after common.zsh.
# One line per command is appended to $__stacklog_spool with printf (no process per command):
# start, end (epoch seconds from $EPOCHREALTIME), status, cwd, line (both percent-encoded;
# line empty when it started with a space), terminal, user@host, hidden (1 or 0).
zmodload zsh/datetime

__stacklog_on_start() {
  __stacklog_start=$EPOCHREALTIME
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
  local end=$EPOCHREALTIME
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$__stacklog_start" "$end" "$1" \
    "$__stacklog_start_cwd" "$__stacklog_line" "${TTY-}" "$USER@$HOST" "$__stacklog_hidden" \
    2>/dev/null >>"$__stacklog_spool"
}

__stacklog_on_prompt() { :; }
__stacklog_decorate_prompt() { :; }

__stacklog_install
