import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readPlainNote } from "./note-fast.js";

const yaml11 = (text: string): unknown =>
  parse(text, { version: "1.1", uniqueKeys: false, prettyErrors: false });

// Section bodies in many shapes, tricky ones included; every pairing of two is tried.
const BODIES = [
  "features:\n  - Adds the thing.\n",
  "fixes:\n  - |\n    Fixes ``foo`` (see `bug 1 <https://launchpad.net/bugs/1>`__).\n    Second line.\n",
  "fixes:\n- |\n  Zero-indented list.\n\n  With a blank line.\n\n\n",
  "upgrade:\n  - >\n    Folded text\n    over lines.\n\n    New paragraph.\n",
  "prelude: >\n  Release highlight.\n",
  "prelude: |\n  Literal\n    more indented\n  back.\n",
  "security: A single plain string, with a comma.\n",
  "other:\n  - yes\n",
  "other:\n  - 1.5\n",
  "other:\n  - Off\n",
  "critical:\n  - Plain item\n    continued on a second line.\n",
  "issues:\n  - |\n    Text\n  - Next item after a literal.\n",
  "issues:\n  - |-\n    Stripped.\n",
  "issues:\n  - >\n      Extra\n    Less indented.\n",
  "deprecations:\n  - 'quoted'\n",
  "deprecations:\n  - Has a colon: here\n",
  "deprecations:\n  - Has a # comment\n",
  "deprecations:\n",
  "# a comment\nfeatures:\n  - After a comment.\n",
  "features:\n  - |\n    Ends the file without a newline",
  "features:\n  - >\n    Trailing space \n    here.\n",
  "fixes:\n  - Item one.\n\n  - Item two after a blank.\n",
  "fixes:\n    - Deeper list.\n    - Second.\n",
  "fixes:\n  - Tab\there.\n",
  "fixes:\n  - |\n    CRLF\r\n",
  "features:\n  - Duplicate one.\n",
  "---\nfeatures:\n  - After a document marker.\n",
  "other-notes:\n  - Hyphenated section.\n",
  "yes:\n  - Boolean key.\n",
  "fixes:\n  -  Two spaces after the dash.\n",
  "fixes:\n  - >\n\n    Leading blank line.\n",
  "fixes:\n  - |\n    Body\n   Ragged.\n",
];

const CASES = BODIES.flatMap((a) => BODIES.map((b) => a + b));

describe("readPlainNote", () => {
  it("reads every note it accepts exactly as the YAML 1.1 parser does", () => {
    let accepted = 0;
    for (const text of CASES) {
      const fast = readPlainNote(text);
      if (fast === undefined) continue;
      accepted++;
      expect(fast, JSON.stringify(text)).toEqual(yaml11(text));
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it("accepts the shapes reno notes are usually written in", () => {
    const note =
      "prelude: >\n  Highlights\n  of the release.\nfeatures:\n  - |\n    Adds ``x``.\n  - Plain item.\nupgrade:\n  - >\n    Run the\n    migration.\n";
    expect(readPlainNote(note)).toEqual({
      prelude: "Highlights of the release.\n",
      features: ["Adds ``x``.\n", "Plain item."],
      upgrade: ["Run the migration.\n"],
    });
  });

  it("leaves quoted, commented, multi-line plain, typed and duplicate-key notes to the full parser", () => {
    for (const text of [
      "features:\n  - 'quoted'\n",
      "# note\nfeatures:\n  - A.\n",
      "features:\n  - Plain\n    continued.\n",
      "features:\n  - 12\n",
      "features:\n  - A.\nfeatures:\n  - B.\n",
      "features:\n  - |2\n    Indent indicator.\n",
    ])
      expect(readPlainNote(text), text).toBeUndefined();
  });
});
