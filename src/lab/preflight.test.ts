import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { headUrl, MIN_FREE_BYTES, type PreflightProbe, preflightProblems } from "./preflight.js";

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function archive(status: number): Promise<string> {
  const server = createServer((_req, res) => {
    res.statusCode = status;
    res.end();
  });
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/debian`;
}

function probe(over: Partial<PreflightProbe>): PreflightProbe {
  return { uid: 0, freeBytes: () => MIN_FREE_BYTES * 2, reachArchive: headUrl, ...over };
}

describe("lab preflight", () => {
  it("passes as root with room and a reachable archive", async () => {
    const mirror = await archive(200);
    expect(await preflightProblems("/var/tmp/lab", mirror, probe({}))).toEqual([]);
  });

  it("says root is missing when run as another user", async () => {
    const mirror = await archive(200);
    const [err] = await preflightProblems("/var/tmp/lab", mirror, probe({ uid: 1000 }));
    expect(err?.title).toBe("The lab needs root");
    expect(err?.message).toContain("uid 1000");
  });

  it("says how much disk is free and how much is needed", async () => {
    const mirror = await archive(200);
    const [err] = await preflightProblems("/small", mirror, probe({ freeBytes: () => 1024 ** 3 }));
    expect(err?.message).toContain("/small has 1.0 GiB free; the lab needs 6.0 GiB");
  });

  it("names the archive URL and the status when the archive refuses", async () => {
    const mirror = await archive(404);
    const [err] = await preflightProblems("/var/tmp/lab", mirror, probe({}));
    expect(err?.message).toContain(`${mirror}/dists/bullseye/InRelease did not answer (HTTP 404)`);
  });

  it("reports a connection failure when nothing listens", async () => {
    const mirror = await archive(200);
    for (const s of servers.splice(0)) await new Promise((ok) => s.close(ok));
    const problems = await preflightProblems("/var/tmp/lab", mirror, probe({}));
    expect(problems.map((p) => p.title)).toEqual(["Debian archive unreachable"]);
    expect(problems[0]?.message).toContain("ECONNREFUSED");
  });
});
