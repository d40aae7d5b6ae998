import type { OutputChunk } from "../../journal/index.js";
import { createRedactor, type Redactor, secretsFromEnv } from "../../redact/index.js";
import type { ImportResult } from "./types.js";

/**
 * The import with the secrets of the recording's own environment hidden: the OpenStack secret
 * variables the header's `env` holds (`asciinema rec --env OS_PASSWORD,...`) are known values
 * for this recording, as `run` treats its own environment, whatever the importing store knows
 * (it redacts with its own secrets as well). The header's `env` itself is not passed on. The
 * same object comes back when the header names no secret.
 */
export function hideHeaderSecrets(env: Record<string, string>, r: ImportResult): ImportResult {
  const secrets = secretsFromEnv(env);
  if (secrets.length === 0) return r;
  const redactor = createRedactor(secrets);
  return {
    ...r,
    title: r.title === null ? null : redactor.redact(r.title),
    commands: r.commands.map((c) => ({
      ...c,
      line: redactor.redact(c.line),
      cwd: c.cwd === null ? null : redactor.redact(c.cwd),
      output: redactOutput(c.output, redactor),
      ...(c.partial !== undefined ? { partial: redactor.redact(c.partial) } : {}),
    })),
    // they quote command lines
    warnings: r.warnings.map((w) => redactor.redact(w)),
  };
}

/** The output redacted as one stream (a value may straddle chunks), at the chunks' times. */
function redactOutput(output: OutputChunk[], redactor: Redactor): OutputChunk[] {
  const stream = redactor.stream();
  const out: OutputChunk[] = [];
  for (const chunk of output) {
    const data = stream.push(chunk.data);
    if (data) out.push({ t: chunk.t, data });
  }
  const rest = stream.flush();
  const t = output[output.length - 1]?.t ?? 0;
  const last = out[out.length - 1];
  if (rest && last?.t === t) last.data += rest;
  else if (rest) out.push({ t, data: rest });
  return out;
}
