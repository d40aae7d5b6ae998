import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { human } from "../../src/cli/commands/lab.js";
import { type Sandbox, sandbox, stacklog } from "../helpers/cli.js";

let sb: Sandbox;
beforeAll(() => {
  sb = sandbox();
});
afterAll(() => sb.cleanup());

describe("stacklog lab keystone --backend", () => {
  it("offers sqlite and mariadb in its help", () => {
    const r = stacklog(sb, ["lab", "keystone", "--help"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("--backend sqlite|mariadb");
  });

  it("refuses another backend before doing anything, saying which it accepts", () => {
    const r = stacklog(sb, ["lab", "keystone", "--backend", "postgres", "--dir", sb.dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("sqlite or mariadb");
    expect(r.stderr).toContain("received: postgres");
  });
});

describe("stacklog lab's summary", () => {
  it("names each hop's Keystone and database versions and where the journal is", () => {
    const text = human({
      journalId: "01LAB",
      stacklogHome: "/var/tmp/lab/stacklog",
      chroot: "/var/tmp/lab/chroot",
      hops: [
        {
          series: "zed",
          keystoneVersion: "2:22.0.2-0+deb12u6",
          database: "MariaDB 10.11.14-MariaDB-0+deb12u2",
          seconds: 175.4,
          checks: [],
        },
      ],
      problems: ["p1", "p2"],
      seconds: 523.2,
      chrootBytes: 0,
    });
    expect(text).toContain("Lab finished in 523 s.");
    expect(text).toContain(
      "  zed: keystone 2:22.0.2-0+deb12u6, MariaDB 10.11.14-MariaDB-0+deb12u2, 175 s",
    );
    expect(text).toContain("Problems met: 2");
    expect(text).toContain("STACKLOG_HOME=/var/tmp/lab/stacklog stacklog serve");
  });
});
