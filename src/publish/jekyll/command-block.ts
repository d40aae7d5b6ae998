import type { CommandPayload, JournalEvent, JournalReader } from "../../journal/index.js";
import { mdBadge } from "./markdown.js";
import type { Scribe } from "./scribe.js";
import { plainTerminalText, tailText } from "./terminal-text.js";
import { humanDuration } from "./time-format.js";

/** How a command ended, as a badge tone and a word. */
export function commandOutcome(p: CommandPayload): { tone: string; word: string } {
  if (p.interrupted) return { tone: "warn", word: "interrupted" };
  if (p.exitStatus === null) return { tone: "warn", word: "unknown" };
  if (p.exitStatus === 0) return { tone: "ok", word: "ok" };
  return { tone: "failed", word: p.signal ? `killed (${p.signal})` : "failed" };
}

/** A command's duration in ms, when known. */
export function commandDuration(p: CommandPayload): number | null {
  if (p.durationMs !== null) return p.durationMs;
  return p.endedAt === null ? null : p.endedAt - p.startedAt;
}

/** The body of a command event: where it ran, how it ended, the line and the output's tail. */
export function commandBlock(
  e: JournalEvent<CommandPayload>,
  reader: JournalReader,
  scribe: Scribe,
  tailBytes: number,
): string[] {
  const p = e.payload;
  const outcome = commandOutcome(p);
  const duration = commandDuration(p);
  const facts = [
    `on ${scribe.text(p.host)} as ${scribe.text(p.user)} in ${scribe.text(p.cwd)}`,
    p.exitStatus === null ? "no exit status" : `exit ${p.exitStatus}`,
    duration === null ? "duration unknown" : `took ${humanDuration(duration)}`,
  ];
  const blocks = [`${facts.join(", ")} ${mdBadge(outcome.tone, outcome.word)}`];
  if (p.hidden) return [...blocks, "*The command line was hidden from the record.*"];
  blocks.push(scribe.code(p.line, "shell"));
  if (p.outputId !== null) blocks.push(...outputTail(reader, p.outputId, scribe, tailBytes));
  return blocks;
}

function outputTail(
  reader: JournalReader,
  outputId: string,
  scribe: Scribe,
  tailBytes: number,
): string[] {
  const total = reader.outputSize(outputId);
  if (total === 0) return ["*No output.*"];
  const raw = reader
    .readOutput(outputId, { tailBytes })
    .map((c) => c.data)
    .join("");
  const { text, cut } = tailText(plainTerminalText(raw), tailBytes);
  const caption =
    cut || Buffer.byteLength(raw) < total
      ? `Last ${formatBytes(Buffer.byteLength(text))} of ${formatBytes(total)} of output:`
      : `Output (${formatBytes(total)}):`;
  return [caption, scribe.code(text, "text")];
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
