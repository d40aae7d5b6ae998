import { describe, expect, it } from "vitest";
import { createAnsibleParser } from "./index.js";

const RED = "\u001b[0;31m";
const OFF = "\u001b[0m";

function task(i: number, hosts: number): string {
  const rows = Array.from(
    { length: hosts },
    (_, h) => `${RED}fatal: [node${h}]: FAILED! => {"msg": "${"x".repeat(500)} ${i}"}${OFF}\r\n`,
  );
  return `\r\nTASK [step ${i}] ${"*".repeat(60)}\r\n${rows.join("")}`;
}

describe("createAnsibleParser limits", () => {
  it("stays within its caps however many tasks, hosts and failures stream past", () => {
    const parser = createAnsibleParser({
      caps: { tasks: 50, hostsPerTask: 5, findings: 20, messageChars: 100 },
    });
    parser.push("PLAY [big] ****\r\n");
    for (let i = 0; i < 200; i++) parser.push(task(i, 8));
    const summary = parser.end();
    const tasks = summary.plays[0]?.tasks ?? [];
    expect(tasks).toHaveLength(50);
    expect(summary.truncated.tasks).toBe(150);
    for (const t of tasks) {
      expect(Object.keys(t.results)).toHaveLength(5);
      expect(t.omittedResults).toBe(3);
    }
    expect(summary.findings).toHaveLength(20);
    expect(summary.truncated.findings).toBe(200 * 8 - 20);
    for (const f of summary.findings) expect(f.message.length).toBeLessThanOrEqual(100);
  });

  it("cuts a line without end at the line cap and reads on after it", () => {
    const parser = createAnsibleParser({ caps: { lineChars: 1000 } });
    parser.push('PLAY [p] ****\nTASK [t] ****\nok: [a] => {"stdout": "');
    for (let i = 0; i < 100; i++) parser.push("y".repeat(10_000));
    parser.push('"}\nchanged: [b]\n');
    const summary = parser.end();
    expect(summary.truncated.longLines).toBe(1);
    expect(summary.plays[0]?.tasks[0]?.results).toEqual({ a: "ok", b: "changed" });
  });

  it("ignores noise between results and tells non-Ansible output apart", () => {
    const apt = createAnsibleParser();
    apt.push("Reading package lists... Done\nBuilding dependency tree\nok: this is not a host\n");
    expect(apt.end().isAnsible).toBe(false);

    const noisy = createAnsibleParser();
    noisy.push(
      "PLAY [p] ***\n\nTASK [t] ***\nSome wrapper log line\n[WARNING]: a warning that wraps\nonto a second line\n",
    );
    noisy.push(
      'ok: [a]\nFAILED - RETRYING: [b]: t (3 retries left).\nfatal: [b]: FAILED! => {"msg": "boom"}\n',
    );
    noisy.push(
      "\u001b]0;title\u0007+ echo trace\n\nPLAY RECAP ***\na : ok=1 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0\n",
    );
    noisy.push("b : ok=0 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0\n");
    const s = noisy.end();
    expect(s.warnings).toEqual(["a warning that wraps onto a second line"]);
    expect(s.plays[0]?.tasks[0]?.results).toEqual({ a: "ok", b: "failed" });
    expect(s.findings.map((f) => [f.host, f.message])).toEqual([["b", "boom"]]);
    expect(s.recap.map((r) => [r.host, r.ok, r.failed])).toEqual([
      ["a", 1, 0],
      ["b", 0, 1],
    ]);
  });

  it("sums the recaps of several playbooks run by one command", () => {
    const parser = createAnsibleParser();
    const run =
      "PLAY [p] ***\nTASK [t] ***\nchanged: [a]\n\nPLAY RECAP ***\na : ok=1 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0\n\n";
    parser.push(run + run);
    const s = parser.end();
    expect(s.recap).toEqual([
      {
        host: "a",
        ok: 2,
        changed: 2,
        unreachable: 0,
        failed: 0,
        skipped: 0,
        rescued: 0,
        ignored: 0,
      },
    ]);
    expect(s.plays).toHaveLength(2);
  });

  it("keeps a failure that the host never came back from as not ignored", () => {
    const parser = createAnsibleParser();
    parser.push('PLAY [p] ***\nTASK [a] ***\nfatal: [h]: FAILED! => {"msg": "no"}\n');
    parser.push(
      "TASK [always] ***\nok: [h]\n\nPLAY RECAP ***\nh : ok=1 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0\n",
    );
    const s = parser.end();
    expect(s.plays[0]?.tasks[0]?.results).toEqual({ h: "failed" });
    expect(s.findings[0]?.ignored).toBe(false);
  });

  it("reads ERROR! lines that end a run before any play", () => {
    const parser = createAnsibleParser();
    parser.push(
      "ERROR! the role 'nova' was not found in /etc/kolla/roles\n\nThe error appears to be in 'site.yml'\n",
    );
    expect(parser.end().errors).toEqual(["the role 'nova' was not found in /etc/kolla/roles"]);
  });
});
