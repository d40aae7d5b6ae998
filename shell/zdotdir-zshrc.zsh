# stacklog: sourced by the .zshrc of the temporary ZDOTDIR of `stacklog shell`: the user's
# ZDOTDIR comes back, their .zshrc runs, then the recording hooks go in.
if [[ -n ${__stacklog_user_zdotdir+set} ]]; then
  ZDOTDIR=$__stacklog_user_zdotdir
else
  unset ZDOTDIR
fi
unset __stacklog_zdotdir __stacklog_user_zdotdir
[[ -r ${ZDOTDIR:-$HOME}/.zshrc ]] && source "${ZDOTDIR:-$HOME}/.zshrc"
source "${${(%):-%x}:A:h}/stacklog.zsh"
