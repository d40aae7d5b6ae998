import os from "node:os";
import { cloudSecrets, resolveCloud, snapshotCloud } from "../../cloud/index.js";
import { fail } from "../../errors/index.js";
import { createRedactor } from "../../redact/index.js";
import type { Ctx } from "../context.js";
import { appendEvents } from "../recorder.js";
import { loadRedaction, registerSecretSources } from "../redaction.js";
import { type Args, str } from "../spec.js";
import type { SnapshotSummary } from "./snapshot.js";

/** Reads the live cloud, read-only, and records what it found (unreachable parts become findings). */
export async function snapshotCloudVerb(args: Args, ctx: Ctx): Promise<SnapshotSummary> {
  const cloud = str(args, "os-cloud") ?? ctx.env.OS_CLOUD;
  const resolved = resolveCloud({
    ...(cloud ? { cloud } : {}),
    env: ctx.env,
    cwd: ctx.cwd,
    home: ctx.env.HOME ?? os.homedir(),
  });
  if (!resolved.ok) throw resolved.error;
  const timeout = Number(str(args, "timeout") ?? 10);
  if (!(timeout > 0))
    throw fail(
      "BadValue",
      "--timeout",
      "seconds, more than 0",
      "stacklog snapshot cloud --timeout 20",
      String(str(args, "timeout")),
    );
  // sources read like "/home/rtp/.config/openstack/clouds.yaml (cloud prod)"
  const files = resolved.sources
    .map((s) => s.replace(/ \(cloud .*\)$/, ""))
    .filter((s) => /\.ya?ml$/.test(s));
  const registered = registerSecretSources(ctx, files);
  const base = loadRedaction(ctx);
  const secrets = [...base.secrets, ...cloudSecrets(resolved.auth)];
  const redaction = { ...base, secrets, redactor: createRedactor(secrets) };
  const snapshot = await snapshotCloud(resolved.auth, { timeoutMs: timeout * 1000, now: ctx.now });
  const label = str(args, "label") ?? `cloud ${resolved.auth.cloudName ?? resolved.auth.authUrl}`;
  const appended = appendEvents(
    ctx,
    str(args, "journal"),
    () => [{ kind: "snapshot", scope: "cloud", label, data: snapshot }],
    redaction,
  );
  const summary = {
    authUrl: snapshot.authUrl,
    region: snapshot.region,
    services: snapshot.catalog.length,
    apis: Object.entries(snapshot.versions).map(
      ([t, v]) =>
        `${t} ${v.map((x) => `${x.id}${x.maxVersion ? ` (${x.minVersion ?? "?"}–${x.maxVersion})` : ""}`).join(", ")}`,
    ),
    projects: snapshot.identity.projects,
    findings: snapshot.findings,
  };
  return { scope: "cloud", label, appended, summary, registeredSecretSources: registered };
}
