import { CommandBuilder } from "./command-builder.js";
import { promptText, typedText } from "./export-cast.js";
import type { CastEvent } from "./read-events.js";
import { noEndMark, type SplitResult } from "./split-marks.js";
import type { ImportedCommand } from "./types.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what it matches
const END_MARK = /^\x1b\]133;D(?:;(-?\d+))?\x07$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what it matches
const CWD_MARK = /^\x1b\]7;file:\/\/([^\x07]*)\x07/;

interface Marked {
  marker: CastEvent;
  cwd: string | null;
  output: CastEvent[];
}

/**
 * Splits a recording that `exportCast` wrote with marks at its own markers, or returns null for any
 * other recording. Each command starts with an `m` event labelled with its command line, followed by
 * exactly the prompt and echoed line `exportCast` writes, and ends with an output event holding only
 * its OSC 133;D mark. Output cannot forge those events, so whatever the output holds (OSC 133 marks
 * of a shell it ran, say) stays output, byte for byte. A command without its end mark gets a
 * warning; the last one is then `partial` (the recording was cut short).
 */
export function splitStacklogCast(
  events: readonly CastEvent[],
  origin: number,
): SplitResult | null {
  const marked = markedCommands(events);
  const last = events[events.length - 1];
  if (!marked || !last) return null;
  const warnings: string[] = [];
  const commands = marked.map((m, k) => {
    const isLast = k === marked.length - 1;
    const { command, ended } = finish(m, origin, isLast ? last.time : null);
    if (!ended) {
      const why = isLast ? "the recording ends before it finished" : "another command started";
      const warning = noEndMark(isLast ? last : m.marker, command.line, why);
      warnings.push(warning);
      if (isLast) command.partial = warning;
    }
    return command;
  });
  return { commands, warnings };
}

// Without its end mark, the last command runs to the end of the recording, any other to its last output.
function finish(
  m: Marked,
  origin: number,
  recordingEnd: number | null,
): { command: ImportedCommand; ended: boolean } {
  const builder = new CommandBuilder(m.marker.data, m.marker.time, m.cwd);
  const lastOutput = m.output[m.output.length - 1];
  const end = lastOutput ? END_MARK.exec(lastOutput.data) : null;
  for (const e of end ? m.output.slice(0, -1) : m.output) builder.append(e.time, e.data);
  if (end && lastOutput) {
    const status = end[1] === undefined ? null : Number(end[1]);
    return { command: builder.finish(origin, lastOutput.time, status), ended: true };
  }
  const endTime = recordingEnd ?? lastOutput?.time ?? m.marker.time;
  return { command: builder.finish(origin, endTime, null), ended: false };
}

// The commands as exportCast wrote them, or null when the recording does not have that shape.
function markedCommands(events: readonly CastEvent[]): Marked[] | null {
  const marked: Marked[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as CastEvent;
    if (e.code === "m") {
      const cwd = promptCwd(events[i + 1]);
      const typed = events[i + 2];
      if (cwd === undefined || typed?.code !== "o" || typed.data !== typedText(e.data, true))
        return null;
      marked.push({ marker: e, cwd, output: [] });
      i += 2;
    } else if (e.code === "o") {
      const current = marked[marked.length - 1];
      if (!current) return null;
      current.output.push(e);
    }
  }
  return marked.length > 0 ? marked : null;
}

// The cwd shown by exportCast's prompt in `e` (null for none), or undefined when `e` is not that prompt.
function promptCwd(e: CastEvent | undefined): string | null | undefined {
  if (e?.code !== "o") return undefined;
  const url = CWD_MARK.exec(e.data)?.[1];
  let cwd: string | null = null;
  try {
    if (url !== undefined) cwd = decodeURIComponent(url);
  } catch {
    return undefined;
  }
  return e.data === promptText(cwd ?? undefined, true) ? cwd : undefined;
}
