import { CastClock } from "./cast-clock.js";
import { headerLine } from "./header.js";
import type { CastCommand, CastInput, ExportOptions } from "./types.js";

const BEL = "\x07";
const osc = (body: string) => `\x1b]${body}${BEL}`;

/**
 * Writes `input` as an asciicast recording, one line at a time (each ending in "\n"), reading the
 * commands and their chunks only as it goes so that a large journal is never held in memory.
 * Each command gets a marker labelled with its command line, a prompt and the typed line at its start
 * time (after an `r` event when its terminal's size differs from the one before), then its output at the original offsets, bare LFs written as CRLF as a terminal shows them.
 * v2 writes absolute times; v3 writes intervals rounded to the millisecond with error diffusion and
 * ends with an `x` event carrying the last command's exit status (left out when that is unknown). With `marks` (the default) the
 * output also carries OSC 133 A/B/C/D;status and OSC 7 cwd marks, which terminals and players ignore;
 * the end mark is an event of its own. `importCast` splits such a recording again at its markers,
 * recognised by the exact prompt and typed-line events that follow them, and not at OSC 133 marks
 * the output itself holds (output is written as recorded, never rewritten).
 */
export function* exportCast(
  input: CastInput,
  version: 2 | 3,
  opts: ExportOptions = {},
): Generator<string, void, undefined> {
  const marks = opts.marks ?? true;
  const clock = new CastClock(version, Math.floor(input.startedAt / 1000) * 1000);
  const event: EventWriter = (at, code, data) =>
    `${JSON.stringify([clock.stamp(at), code, data])}\n`;
  yield `${headerLine(input, version)}\n`;
  let status: number | null = null;
  const size = { now: `${input.cols ?? 80}x${input.rows ?? 24}` };
  for (const cmd of input.commands) {
    yield* commandEvents(cmd, marks, event, size);
    status = cmd.exitStatus;
  }
  if (version === 3 && status !== null) yield event(clock.now, "x", String(status));
}

type EventWriter = (at: number, code: string, data: string) => string;

/**
 * `size.now` is the player's terminal size ("COLSxROWS"): an `r` event changes it where a
 * command started at another size or was resized while it ran, so that full-screen programs
 * replay at the size they drew for.
 */
function* commandEvents(
  cmd: CastCommand,
  marks: boolean,
  event: EventWriter,
  size: { now: string },
): Generator<string> {
  const resize = function* (at: number, s: { cols: number; rows: number }) {
    const next = `${s.cols}x${s.rows}`;
    if (next === size.now) return;
    size.now = next;
    yield event(at, "r", next);
  };
  if (cmd.size) yield* resize(cmd.startedAt, cmd.size);
  yield event(cmd.startedAt, "m", cmd.line);
  yield event(cmd.startedAt, "o", promptText(cmd.cwd, marks));
  yield event(cmd.startedAt, "o", typedText(cmd.line, marks));
  const crlf = new CrlfWriter();
  let end = cmd.startedAt;
  const resizes = cmd.resizes ?? [];
  let r = 0;
  for (const chunk of cmd.chunks) {
    for (; r < resizes.length && (resizes[r]?.t ?? 0) <= chunk.t; r++) {
      yield* resize(
        cmd.startedAt + (resizes[r]?.t ?? 0),
        resizes[r] as { cols: number; rows: number },
      );
    }
    if (!chunk.data) continue;
    end = Math.max(end, cmd.startedAt + chunk.t);
    yield event(cmd.startedAt + chunk.t, "o", crlf.write(chunk.data));
  }
  for (; r < resizes.length; r++) {
    end = Math.max(end, cmd.startedAt + (resizes[r]?.t ?? 0));
    yield* resize(
      cmd.startedAt + (resizes[r]?.t ?? 0),
      resizes[r] as { cols: number; rows: number },
    );
  }
  if (marks) yield event(cmd.endedAt ?? end, "o", endMark(cmd.exitStatus));
}

/** The prompt written before each command (`importCast` recognises it exactly). */
export function promptText(cwd: string | undefined, marks: boolean): string {
  const shown = cwd ? `\x1b[1;34m${cwd}\x1b[0m $ ` : "$ ";
  if (!marks) return shown;
  const where = cwd ? osc(`7;file://${cwd.split("/").map(encodeURIComponent).join("/")}`) : "";
  return `${where}${osc("133;A")}${shown}${osc("133;B")}`;
}

/** The command line as echoed after the prompt, then (with marks) the start of its output. */
export function typedText(line: string, marks: boolean): string {
  return `${line.replace(/\r?\n/g, "\r\n")}\r\n${marks ? osc("133;C") : ""}`;
}

/** The mark written after each command's output; a null status leaves it out. */
export function endMark(exitStatus: number | null): string {
  return osc(`133;D${exitStatus === null ? "" : `;${exitStatus}`}`);
}

/** Turns bare LFs into CRLF across chunk boundaries (a CR at the end of one chunk pairs with an LF starting the next). */
export class CrlfWriter {
  private endsWithCr = false;

  write(data: string): string {
    const head = this.endsWithCr && data.startsWith("\n") ? "\n" : "";
    this.endsWithCr = data.endsWith("\r");
    return head + data.slice(head.length).replace(/(?<!\r)\n/g, "\r\n");
  }
}
