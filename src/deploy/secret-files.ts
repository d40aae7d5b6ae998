import { loadSecretSource } from "../redact/index.js";
import { type ReadContext, skip } from "./read-context.js";
import { readText, rel } from "./safe-fs.js";
import { asRecord, readYaml } from "./yaml-read.js";

/**
 * Reads a file of secrets (kolla `passwords.yml`, OSA `user_secrets.yml`): its key names go to
 * `secretKeys`, its values to `secrets`, and the file itself is kept out of `files`. A file
 * that is not valid YAML still gives up its `key: value` lines, so that its values are hidden.
 */
export function readSecretFile(ctx: ReadContext, abs: string): void {
  const text = readText(ctx, abs);
  if (text === null) return;
  const path = rel(ctx, abs);
  ctx.secretFiles.add(path);
  const data = readYaml(ctx, abs);
  if (data !== null && typeof data === "object") {
    for (const key of Object.keys(asRecord(data))) ctx.secretKeys.add(key);
    const loaded = loadSecretSource(path, "kolla-passwords", () => text);
    if (loaded.ok) ctx.secrets.push(...loaded.secrets);
  } else if (ctx.unusable.has(path) && !/^\s*\$ANSIBLE_VAULT;/.test(text)) {
    secretsByLine(ctx, path, text);
  }
}

function secretsByLine(ctx: ReadContext, path: string, text: string): void {
  for (const line of text.split(/\r?\n/)) {
    const m = /^([\w.-]+):\s*(\S.*)$/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    ctx.secretKeys.add(m[1]);
    ctx.secrets.push({ value: m[2].replace(/^(["'])(.*)\1$/, "$2"), label: `${path}:${m[1]}` });
  }
  skip(ctx, path, "secret values were taken line by line, as the file is not valid YAML");
}
