import { CommandBuilder } from "./command-builder.js";
import { recordingText } from "./decode-text.js";
import { hideHeaderSecrets } from "./header-secrets.js";
import { type CastEvent, type Recording, readRecording } from "./read-events.js";
import { hasShellMarks, type SplitResult, splitByMarks } from "./split-marks.js";
import { splitByPrompt } from "./split-prompt.js";
import { splitStacklogCast } from "./split-stacklog.js";
import type { ImportOptions, ImportResult, SplitMethod } from "./types.js";

/**
 * Parses an asciicast v2 or v3 recording into commands: a recording `exportCast` wrote at its own
 * markers (so that OSC 133 marks in a command's output stay output), else at its OSC 133 marks
 * (A/B/C/D;status) when present, else at detected prompts (a line ending in `$ ` or `# ` followed by
 * the echo of a typed line), else as one command for the whole recording. Input events are ignored;
 * resize events change the width used to read back typed lines. Accepts the file's bytes (checked
 * for binary data and invalid UTF-8) or its text. Throws `MalformedRecording` for a bad header or
 * event line, times included (a start outside the years 1970 to 9999, events past ten years). A
 * recording that stops while a command runs, whether its last line is cut off mid-event or whole,
 * gives the commands read so far, the last one marked `partial`, and a warning. The OpenStack
 * secrets of the header's `env` are hidden in what it gives (see `hideHeaderSecrets`).
 */
export function importCast(input: string | Uint8Array, opts: ImportOptions = {}): ImportResult {
  const source = opts.sourceName ?? "recording";
  const rec = readRecording(recordingText(input, source), source);
  const warnings = [...rec.warnings];
  if (rec.header.sizeUnknown) {
    warnings.push(
      "the header gives a terminal size of 0x0 (recorded without a terminal): read as 80x24",
    );
  }
  if (rec.header.timestamp === null) {
    warnings.push("the header has no timestamp: times are counted from 1970-01-01");
  }
  const origin = (rec.header.timestamp ?? 0) * 1000;
  const { splitBy, commands, warnings: splitWarnings } = split(rec, origin);
  warnings.push(...splitWarnings);
  const last = commands[commands.length - 1];
  if (rec.truncatedAt !== null) {
    const why = `the recording is cut off at line ${rec.truncatedAt}; output written after that was lost`;
    warnings.push(why);
    if (last) last.partial = why;
  }
  return hideHeaderSecrets(rec.header.env, {
    version: rec.header.version,
    title: rec.header.title,
    startedAt: origin,
    commands,
    warnings,
    splitBy,
  });
}

function split(rec: Recording, origin: number): SplitResult & { splitBy: SplitMethod } {
  const { events, header } = rec;
  const ours = splitStacklogCast(events, origin);
  if (ours) return { splitBy: "osc133", ...ours };
  if (hasShellMarks(events))
    return { splitBy: "osc133", ...splitByMarks(events, header.cols, origin) };
  const byPrompt = splitByPrompt(events, header.cols, origin);
  if (byPrompt.commands.length > 0) return { splitBy: "prompt", ...byPrompt };
  return {
    splitBy: "single",
    ...wholeRecording(events, rec.header.command ?? rec.header.title, origin),
  };
}

// The session's exit status comes from a v3 `x` event, when there is one.
function wholeRecording(
  events: readonly CastEvent[],
  line: string | null,
  origin: number,
): SplitResult {
  const command = new CommandBuilder(line ?? "", 0, null);
  let status: number | null = null;
  for (const e of events) {
    if (e.code === "o") command.append(e.time, e.data);
    if (e.code === "x" && /^\d+$/.test(e.data)) status = Number(e.data);
  }
  const end = events[events.length - 1]?.time ?? 0;
  const warnings =
    line === null
      ? ["the recording names no command (asciinema 2.x leaves it out of the header)"]
      : [];
  return { commands: [command.finish(origin, end, status)], warnings };
}
