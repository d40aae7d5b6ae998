import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JournalEvent } from "../../src/journal/index.js";
import { FIXTURES, requireAnsible } from "../fixtures/ansible/run-playbook.js";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

/** A sandbox where Debian's Ansible runs quietly: no colour, its own home, no host-key prompts. */
function ansibleSandbox(): Sandbox {
  requireAnsible();
  const sb = sandbox({
    ANSIBLE_LOCAL_TEMP: "/tmp/stacklog-ansible-tmp",
    ANSIBLE_NOCOLOR: "1",
    ANSIBLE_HOST_KEY_CHECKING: "False",
  });
  sb.env.ANSIBLE_HOME = path.join(sb.dir, "ansible");
  return sb;
}

describe("an Ansible run recorded with stacklog run", () => {
  it("is summarised by play, task and host, with its failures, in log and show", () => {
    const sb = ansibleSandbox();
    try {
      stacklogJson(sb, ["start", "--title", "ansible"]);
      const r = stacklog(sb, ["run", "--", "ansible-playbook", "-i", "inventory.ini", "site.yml"], {
        cwd: FIXTURES,
      });
      expect(r.status).toBe(4); // ansible-playbook: some hosts were unreachable
      expect(r.stdout).toContain("PLAY RECAP");
      const cmd = JSON.parse(
        stacklog(sb, ["log", "--kind", "command", "--json"]).stdout.trim(),
      ) as JournalEvent;
      const p = cmd.payload;
      if (p.kind !== "command") throw new Error("not a command");
      const a = p.summary?.ansible as {
        recap: { host: string; failed: number }[];
        findings: { host: string; status: string }[];
      };
      expect(a.recap.map((row) => row.host).sort()).toEqual(["alpha", "ghost", "localhost"]);
      expect(a.findings.some((f) => f.host === "ghost" && f.status === "unreachable")).toBe(true);
      expect(stacklog(sb, ["log"]).stdout).toMatch(
        /\(ansible: \d+ plays, \d+ tasks, \d+ hosts( — [^)]*)?\)/,
      );
      const shown = stacklog(sb, ["show", String(cmd.seq)]).stdout;
      expect(shown).toContain("unreachable: [ghost]");
      expect(shown).toMatch(/recap:\n\s+alpha\s+ok=\d+/);
    } finally {
      sb.cleanup();
    }
  });

  it("names an ad-hoc run's failures as ad-hoc (no play, no task)", () => {
    const sb = ansibleSandbox();
    try {
      stacklogJson(sb, ["start", "--title", "ansible ad-hoc"]);
      const r = stacklog(
        sb,
        ["run", "--", "ansible", "ghost", "-i", "inventory.ini", "-m", "ping"],
        {
          cwd: FIXTURES,
        },
      );
      expect(r.status).not.toBe(0);
      const shown = stacklog(sb, ["show", "1"]).stdout;
      expect(shown).toContain("unreachable: [ghost] ad-hoc: ");
      expect(shown).not.toContain(" / :");
    } finally {
      sb.cleanup();
    }
  });
});
