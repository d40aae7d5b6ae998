import { describe, expect, it } from "vitest";
import { startHarness } from "../../test/fixtures/capture-run/outer-terminal.js";

// Sizes are tunable: RUN_MEMORY_MB (default 1024) of output, RUN_MEMORY_LIMIT_MB (default 200).
const MB = Number(process.env.RUN_MEMORY_MB ?? 1024);
const LIMIT_MB = Number(process.env.RUN_MEMORY_LIMIT_MB ?? 200);
const LINE = "TASK [nova : Running nova-manage db sync] \\033[0;32mok: [controller01]\\033[0m é✓";

interface Result {
  exitStatus: number;
  outputBytes: number;
  maxRssKiB: number;
  sink: { chars: number; maxChunk: number };
}

describe.each(["pty", "pipe"])("runCommand in %s mode with a huge output", (mode) => {
  it(`carries ${MB} MiB through with peak RSS under ${LIMIT_MB} MB`, {
    timeout: 600_000,
  }, async () => {
    const bytes = MB * 1024 * 1024;
    const h = startHarness(["sh", "-c", `yes "$(printf '${LINE}')" | head -c ${bytes}`], {
      harnessArgs: ["--mode", mode, "--sink-count"],
      countOnly: true,
    });
    expect(await h.exited).toBe(0);
    const result = h.result<Result>();
    h.cleanup();
    // In PTY mode the child's terminal turns each "\n" into "\r\n", so there are more bytes.
    expect(result.outputBytes).toBeGreaterThanOrEqual(bytes);
    expect(h.bytes()).toBeGreaterThanOrEqual(result.outputBytes);
    expect(result.sink.chars).toBeGreaterThan(0);
    expect(result.sink.maxChunk).toBeLessThanOrEqual(256 * 1024);
    expect(result.maxRssKiB / 1024).toBeLessThan(LIMIT_MB);
  });
});
