import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

let sb: Sandbox;
afterEach(() => sb?.cleanup());

describe("stacklog publish --out naming a file", () => {
  it.each([
    ["the file itself", (f: string) => f, "html"],
    ["a folder below it", (f: string) => path.join(f, "site"), "html"],
    ["the file itself (Jekyll pages)", (f: string) => f, "jekyll"],
  ])(
    "refuses %s as bad input, saying it is a file, and leaves the file as it was",
    (_, out, format) => {
      sb = sandbox();
      stacklogJson(sb, ["start", "--title", "out is a file"]);
      const file = path.join(sb.dir, "hostname");
      writeFileSync(file, "deploy\n");
      stacklog(sb, ["finish", "--status", "completed"]);
      const r = stacklog(sb, ["publish", "--format", format, "--out", out(file)]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("Bad value for --out");
      expect(r.stderr).toContain("a file, not a folder");
      expect(r.stderr).toContain(`never replaces the file ${file}`);
      expect(r.stderr).toContain("what to do:");
      expect(r.stderr).not.toContain("internal error");
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(file, "utf8")).toBe("deploy\n");
    },
  );
});
