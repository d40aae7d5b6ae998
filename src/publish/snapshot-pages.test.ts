import { describe, expect, it } from "vitest";
import { seedUpgrade } from "../../test/fixtures/publish/seed.js";
import { realConfigSnapshot, seedSnapshots } from "../../test/fixtures/publish/seed-snapshots.js";
import { seededStore } from "../../test/fixtures/publish/seeded-store.js";
import { renderRoute } from "./index.js";

const t = seededStore("stacklog-snapshot-pages-", seedSnapshots);
const account = () => t.page(`/journals/${t.seeded.journalId}/`);
const configRef = () => t.page(`/journals/${t.seeded.journalId}/config/`);
const section = (body: string, id: string) => {
  const at = body.indexOf(`id="${id}"`);
  return body.slice(at, body.indexOf("</section>", at));
};
const eventHtml = (body: string, id: string) => {
  const at = body.indexOf(`id="e-${id}"`);
  return body.slice(at, body.indexOf("</li>", at));
};
const row = (path: string, before: string, after: string) =>
  new RegExp(
    `<code>${path}</code></td><td class="before">${before}</td><td class="arrow">→</td><td class="after">${after}</td>`,
  );

describe("what changed, on the account page", () => {
  it("compares the first and last config snapshots as before → after rows, linking both", () => {
    const changed = section(account(), "what-changed");
    expect(changed).toContain(`href="#e-${t.seeded.configBefore.id}"`);
    expect(changed).toContain(`href="#e-${t.seeded.configAfter.id}"`);
    expect(changed).toMatch(row("release", "zed", "2023.1"));
    expect(changed).toMatch(row("image tag openstack", "zed", "2023.1"));
    expect(changed).toMatch(row("service", "—", "heat"));
    expect(changed).toMatch(
      row("nova:config/nova.conf \\[DEFAULT\\] cpu_allocation_ratio", "4.0", "8.0"),
    );
    expect(changed).toMatch(row("enable_heat", "no", "yes"));
    expect(changed).not.toContain('"enabledServices"');
  });

  it("shows API microversions and the services that went down or came back", () => {
    const changed = section(account(), "what-changed");
    expect(changed).toContain(`href="#e-${t.seeded.cloudBefore.id}"`);
    expect(changed).toMatch(row("versions.compute.v2.1", "CURRENT 2.1–2.93", "CURRENT 2.1–2.95"));
    expect(changed).toMatch(/Went down:<\/strong> nova-compute@compute02 \(compute\)/);
    expect(changed).toMatch(/Came back:<\/strong> cinder-volume@stor01@lvm \(volume\)/);
    expect(changed).toContain("findings.placement https://placement.example.org/");
  });

  it("says there is nothing to compare when a scope has a single snapshot", () => {
    const other = seedUpgrade(t.store);
    t.store.append({
      journalId: other.journalId,
      time: Date.UTC(2026, 2, 3, 12),
      actor: "alice@deploy-1",
      terminal: null,
      phase: null,
      payload: {
        kind: "snapshot",
        scope: "config",
        label: "only",
        data: realConfigSnapshot("zed").snapshot,
      },
    });
    const changed = section(t.page(`/journals/${other.journalId}/`), "what-changed");
    expect(changed).toContain("nothing to compare yet");
  });

  it("has no what-changed section nor configuration page without snapshots", () => {
    const other = seedUpgrade(t.store);
    expect(t.page(`/journals/${other.journalId}/`)).not.toContain("What changed");
    expect(t.page(`/journals/${other.journalId}/`)).not.toContain("config/index.html");
    expect(renderRoute({ reader: t.store }, `/journals/${other.journalId}/config/`)).toBeNull();
  });
});

describe("a snapshot event", () => {
  it("shows a one-line summary and keeps its data collapsed and short", () => {
    const e = eventHtml(account(), t.seeded.configBefore.id);
    expect(e).toContain("kolla-ansible · release zed · ubuntu · 16 services");
    expect(e).toContain('<a href="config/index.html">configuration reference</a>');
    expect(e).toMatch(/<details class="snapshot-data"><summary>data \([\d.]+ KiB, first/);
    const data = /<pre class="term">([\s\S]*?)<\/pre>/.exec(e)?.[1] ?? "";
    const text = data
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
    expect(text.length).toBeLessThanOrEqual(4002);
    expect(text.endsWith("\n…")).toBe(true);
  });

  it("shows nothing for a terminal that is null, or the name of /dev/null", () => {
    const body = account();
    expect(eventHtml(body, t.seeded.cloudBefore.id)).not.toMatch(/<span>null<\/span>/);
    const e = t.store.append({
      journalId: t.seeded.journalId,
      time: Date.UTC(2026, 3, 8),
      actor: "alice@deploy-1",
      terminal: "null",
      phase: null,
      payload: { kind: "note", noteKind: "observation", text: "from a cron job" },
    });
    const meta = eventHtml(account(), e.id);
    expect(meta).toContain("<span>alice@deploy-1</span></div>");
    expect(eventHtml(account(), t.seeded.plan.id)).toContain("<span>pts/1</span>");
  });
});

describe("configuration reference page", () => {
  it("is linked from the account", () => {
    expect(account()).toContain('<a href="config/index.html">configuration reference</a>');
  });

  it("documents what is deployed from the latest config snapshot", () => {
    const body = configRef();
    expect(body).toContain("<dt>Release</dt><dd>2023.1</dd>");
    expect(body).toContain("<dt>Image registry</dt><dd>registry.example.org:4000</dd>");
    expect(body).toContain("<li>heat</li>");
    expect(body).toContain("<tr><td><code>control</code></td><td>ctl01, ctl02, ctl03</td></tr>");
    expect(body).toContain(
      "<tr><td><code>kolla_internal_vip_address</code></td><td>10.0.0.250</td></tr>",
    );
    expect(body).toContain(`href="../index.html#e-${t.seeded.configAfter.id}"`);
  });

  it("shows each override per service and host with its redacted INI text", () => {
    const body = configRef();
    expect(body).toMatch(
      /<strong>host compute01<\/strong> · <code>config\/nova\/compute01\/nova.conf<\/code><\/p>\n<pre class="term ini">\[DEFAULT\]\nreserved_host_memory_mb = 16384/,
    );
    expect(body).toContain("<strong>every host</strong> · <code>config/nova.conf</code>");
    expect(body).toContain("[REDACTED passwords.yml:");
  });

  it("never holds a value of the trees' password files", () => {
    const secrets = [...realConfigSnapshot("zed").secrets, ...realConfigSnapshot("2023.1").secrets];
    expect(secrets.length).toBeGreaterThan(3);
    for (const p of ["", "config/"]) {
      const body = t.page(`/journals/${t.seeded.journalId}/${p}`);
      for (const s of secrets) expect(body, s.label).not.toContain(s.value);
    }
  });

  it("shows the cloud's API versions and service states, and what changed during the journal", () => {
    const body = configRef();
    expect(body).toContain(
      "<td>compute</td><td>v2.1</td><td>CURRENT</td><td>2.1</td><td>2.95</td>",
    );
    expect(body).toMatch(
      /<td>compute02<\/td><td>nova<\/td><td>enabled<\/td><td><span class="badge bad">down<\/span>/,
    );
    expect(body).toContain('<h2 id="changed">What changed during the journal</h2>');
    expect(body).toMatch(row("release", "zed", "2023.1"));
  });
});
