import { CommandBuilder } from "./command-builder.js";
import { typedLine } from "./echo-screen.js";
import { OscScanner, type Piece, type ShellMark } from "./osc-scanner.js";
import type { CastEvent } from "./read-events.js";
import { sessionExit, unfinished } from "./recording-end.js";
import type { ImportedCommand } from "./types.js";

export interface SplitResult {
  commands: ImportedCommand[];
  warnings: string[];
}

const MAX_PROMPT = 4096;
const MAX_INPUT = 65536;

/** True when the output holds at least one OSC 133 mark. */
export function hasShellMarks(events: readonly CastEvent[]): boolean {
  const scanner = new OscScanner();
  for (const e of events) {
    if (e.code !== "o") continue;
    if (scanner.feed(e.data).some((p) => p.kind === "mark" && p.mark.kind !== "cwd")) return true;
  }
  return false;
}

/**
 * Cuts a recording into commands at its OSC 133 marks: A starts the prompt, B the typed command
 * (read back from the echo), C the output, D;status ends the command. OSC 7 sets the cwd of the
 * commands that follow. A command left without D gets a null status and a warning.
 */
export function splitByMarks(
  events: readonly CastEvent[],
  cols: number,
  origin: number,
): SplitResult {
  const s = new MarkSplitter(cols, origin);
  const scanner = new OscScanner();
  let last: CastEvent | undefined;
  for (const e of events) {
    last = e;
    if (e.code === "r") s.cols = Number(e.data.split("x")[0]) || s.cols;
    if (e.code !== "o") continue;
    for (const piece of scanner.feed(e.data)) s.piece(piece, e);
  }
  if (last) for (const piece of scanner.flush()) s.piece(piece, last);
  if (last) s.end(last, sessionExit(events));
  return { commands: s.commands, warnings: s.warnings };
}

/** The warning for a command whose OSC 133;D mark is missing. */
export function noEndMark(e: CastEvent, line: string, why: string): string {
  return `line ${e.line}: command ${JSON.stringify(line)} has no end mark (OSC 133;D): ${why}; its exit status is unknown`;
}

class MarkSplitter {
  readonly commands: ImportedCommand[] = [];
  readonly warnings: string[] = [];
  private state: "idle" | "prompt" | "input" | "output" = "idle";
  private prompt = "";
  private input = "";
  private cwd: string | null = null;
  private current: CommandBuilder | null = null;

  constructor(
    public cols: number,
    private readonly origin: number,
  ) {}

  piece(piece: Piece, e: CastEvent): void {
    if (piece.kind === "mark") this.mark(piece.mark, e);
    else this.text(piece.text, e.time);
  }

  /** Ends the open command, if any, without an exit status. */
  close(e: CastEvent, why: string): void {
    if (!this.current) return;
    this.warnings.push(noEndMark(e, this.current.line, why));
    this.commands.push(this.current.finish(this.origin, e.time, null));
    this.current = null;
  }

  /**
   * Ends the recording. A command left open was cut short (`partial`) unless it ended the session
   * (`exit`, or a v3 `x` event says the session exited).
   */
  end(e: CastEvent, session: number | null | undefined): void {
    if (!this.current) return;
    const { exitStatus, cutShort } = unfinished(this.current.line, session);
    const command = this.current.finish(this.origin, e.time, exitStatus);
    this.current = null;
    this.commands.push(command);
    if (exitStatus !== null) return;
    const why = noEndMark(e, command.line, "the recording ends before it finished");
    if (cutShort) command.partial = why;
    this.warnings.push(why);
  }

  private mark(mark: ShellMark, e: CastEvent): void {
    switch (mark.kind) {
      case "prompt":
        this.close(e, "a new prompt started");
        this.state = "prompt";
        this.prompt = "";
        return;
      case "command":
        this.state = "input";
        this.input = "";
        return;
      case "output":
        this.close(e, "another command started");
        this.current = new CommandBuilder(this.typed(), e.time, this.cwd);
        this.state = "output";
        return;
      case "end":
        if (this.current) this.commands.push(this.current.finish(this.origin, e.time, mark.status));
        this.current = null;
        this.state = "idle";
        return;
      case "cwd":
        this.cwd = mark.path;
        return;
    }
  }

  private text(text: string, time: number): void {
    if (this.state === "prompt") this.prompt = (this.prompt + text).slice(-MAX_PROMPT);
    else if (this.state === "input") this.input = (this.input + text).slice(0, MAX_INPUT);
    else if (this.state === "output") this.current?.append(time, text);
  }

  // Without a B mark the echo is still in the prompt text: take what follows the last `$ `, `# ` or `% `.
  private typed(): string {
    if (this.state === "input") return typedLine(this.prompt, this.input, this.cols);
    if (this.state !== "prompt") return "";
    const screen = typedLine("", this.prompt, this.cols);
    const m = /^.*[$#%] (.*)$/s.exec(screen);
    return m ? (m[1] as string).trim() : screen;
  }
}
