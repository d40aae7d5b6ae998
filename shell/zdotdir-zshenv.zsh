# stacklog: sourced by the .zshenv of the temporary ZDOTDIR of `stacklog shell`. Runs the
# user's own .zshenv from where zsh would have found it, then takes ZDOTDIR back so that zsh
# reads our .zshrc; that one restores the user's ZDOTDIR.
# The nonce goes out of the environment before anything else runs.
__stacklog_nonce=${STACKLOG_SHELL_NONCE-}
unset STACKLOG_SHELL_NONCE
__stacklog_zdotdir=$ZDOTDIR
if [[ -n ${STACKLOG_USER_ZDOTDIR+set} ]]; then
  ZDOTDIR=$STACKLOG_USER_ZDOTDIR
else
  unset ZDOTDIR
fi
unset STACKLOG_USER_ZDOTDIR
[[ -r ${ZDOTDIR:-$HOME}/.zshenv ]] && source "${ZDOTDIR:-$HOME}/.zshenv"
if [[ -n ${ZDOTDIR+set} ]]; then
  __stacklog_user_zdotdir=$ZDOTDIR
fi
ZDOTDIR=$__stacklog_zdotdir
