import { describe, expect, it } from "vitest";
import { createRedactor } from "./index.js";

const VALUE = "DbPassZq7Lk2Vn9Xc4";
const r = createRedactor([{ value: VALUE, label: "passwords.yml:database_password" }]);
const LABEL = "[REDACTED passwords.yml:database_password]";
// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what is taken out
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*[mK]/g, "");
const streamed = (pieces: string[]) => {
  const s = r.stream();
  return pieces.map((p) => s.push(p)).join("") + s.flush();
};

describe("a value cut by colour codes", () => {
  it.each([
    // grep --color=always marks the match inside the value
    [`passwords.yml:database_password: DbPass\x1b[01;31m\x1b[KZq7Lk\x1b[m\x1b[K2Vn9Xc4\n`],
    // a program bolds part of it
    [`ansi split: Db\x1b[1mPassZq7Lk2Vn9Xc4\x1b[0m\n`],
  ])("is hidden whole, as the terminal showed it whole: %j", (text) => {
    for (const out of [r.redact(text), streamed([text]), streamed([...text])]) {
      const stripped = plain(out);
      expect(stripped).toContain(LABEL);
      for (const part of ["Zq7Lk", "2Vn9Xc4", "PassZq7"]) expect(stripped).not.toContain(part);
    }
  });

  it("is found by the patterns too, with no registered value", () => {
    const out = createRedactor([]).redact("admin_password: Abc\x1b[1mdef12345\x1b[0m\n");
    expect(plain(out)).toBe("admin_password: [REDACTED password]\n");
  });

  it("keeps the codes it held, so the colours after it stay as they were", () => {
    expect(r.redact(`x Db\x1b[1mPassZq7Lk2Vn9Xc4 tail\x1b[0m\n`)).toBe(
      `x ${LABEL}\x1b[1m tail\x1b[0m\n`,
    );
  });

  it("leaves coloured lines alone where codes stand next to blanks and line breaks", () => {
    const ansible =
      "\x1b[0;32mok: [ctl01] => (item=nova)\x1b[0m\n\x1b[0;33mchanged: [ctl02]\x1b[0m\n" +
      "grep: database_\x1b[01;31m\x1b[Kpassword\x1b[m\x1b[K: x\n";
    expect(r.redact(ansible)).toBe(ansible);
    expect(streamed([ansible.slice(0, 20), ansible.slice(20)])).toBe(ansible);
  });
});
