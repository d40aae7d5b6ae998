import { describe, expect, it } from "vitest";
import { needsMoreInput } from "./shell-syntax.js";

describe("needsMoreInput", () => {
  it.each([
    ["an open loop", ["for i in 1 2; do"]],
    ["a loop whose body is still being typed", ["while read l; do", "echo $l"]],
    ["an open if", ["if true; then"]],
    ["an open case", ["case $x in", "a) echo a;;"]],
    ["an open brace group or function", ["f() {"]],
    ["an open subshell or command substitution", ["echo $(date"]],
    ["a trailing backslash", ["echo a \\"]],
    ["a trailing pipe or && / ||", ["ls |"]],
    ["an open double quote", ['echo "a']],
    ["an open single quote across lines", ["echo 'a", "b"]],
    ["a here-document not yet ended", ["cat <<EOF", "x"]],
    ["a quoted, tab-stripped here-document delimiter", ["cat <<-'END'"]],
  ])("says a shell asks for more after %s", (_what, lines) => {
    expect(needsMoreInput(lines)).toBe(true);
  });

  it.each([
    ["a simple command", ["ls -l /etc"]],
    ["a finished loop", ["for i in 1 2; do", "echo r$i", "done"]],
    ["a finished one-line if", ["if true; then echo x; fi"]],
    ["a finished case", ["case $x in a) echo a;; esac"]],
    ["a reserved word as an argument", ["echo for if case {"]],
    ["a continued line, finished", ["echo a \\", "  b"]],
    ["a here-document ended by its delimiter", ["cat <<EOF", "x", "EOF"]],
    ["quotes holding what would be open", ["echo 'do (' \"{ if\""]],
    ["a comment", ["ls # for |"]],
    ["a background job", ["sleep 1 &"]],
    ["a prompt printed by read -p", ["read -p '> ' x"]],
  ])("says a shell runs %s", (_what, lines) => {
    expect(needsMoreInput(lines)).toBe(false);
  });
});
