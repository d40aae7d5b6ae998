import { CommandBuilder } from "./command-builder.js";
import { typedLine } from "./echo-screen.js";
import { OscScanner, type Piece } from "./osc-scanner.js";
import { OutputLine } from "./output-line.js";
import {
  afterContinuationPrompt,
  cursorRow,
  isPrompt,
  PromptBook,
  promptSpLength,
  promptStart,
  READING_LINE,
} from "./prompt-text.js";
import type { CastEvent } from "./read-events.js";
import { sessionExit, unfinished } from "./recording-end.js";
import { needsMoreInput } from "./shell-syntax.js";
import type { SplitResult } from "./split-marks.js";
import type { ImportedCommand } from "./types.js";

// A typed line longer than this without Enter was not typed: what looked like a prompt was output.
const MAX_ECHO = 65536;
// How much of the end of a command's output to search for zsh's PROMPT_SP.
const MAX_PROMPT_SP = 8192;

/**
 * Cuts a recording without marks into commands by spotting prompts: output that stops (at the end of
 * a write) on a line ending in `$ ` or `# `, followed by the echo of a typed line, and continued after
 * continuation prompts (`> `) while the command is unfinished. Output written before a prompt on its
 * line belongs to the command before; a full-screen program's drawing does not hide the prompt after
 * it. A second pass also takes a prompt seen in the first at the start of a line in the middle of a
 * write (typed ahead, or the first write holding prompt, command and output). Exit statuses are
 * unknown; a last command that no prompt follows was cut short (`partial`), unless it ended the session.
 */
export function splitByPrompt(
  events: readonly CastEvent[],
  cols: number,
  origin: number,
): SplitResult {
  const first = run(events, new PromptSplitter(cols, origin, null));
  const second = run(events, new PromptSplitter(cols, origin, first.learned));
  return { commands: second.commands, warnings: second.warnings };
}

function run(events: readonly CastEvent[], s: PromptSplitter): PromptSplitter {
  const scanner = new OscScanner();
  let last: CastEvent | undefined;
  for (const e of events) {
    last = e;
    if (e.code === "r") s.resize(e.data);
    if (e.code !== "o") continue;
    for (const piece of scanner.feed(e.data)) s.piece(piece, e.time);
    s.eventEnd(e.time);
  }
  if (last) {
    for (const piece of scanner.flush()) s.piece(piece, last.time);
    s.end(last, sessionExit(events));
  }
  return s;
}

/**
 * idle: no command (before the first prompt, after an empty or abandoned line); typing: after a
 * prompt; entered: a line was entered, and what follows may still be a continuation prompt; output:
 * the command runs.
 */
type State = "idle" | "typing" | "entered" | "output";

class PromptSplitter {
  readonly commands: ImportedCommand[] = [];
  readonly warnings: string[] = [];
  readonly learned = new PromptBook();
  private state: State = "idle";
  private readonly line = new OutputLine();
  // The raw line the prompt is on and what was echoed after it, read back together.
  private prompt = "";
  private echo = "";
  // The lines entered so far (more than one after continuation prompts).
  private typed: string[] = [];
  // Output since the last line was entered, held until it is known not to be a continuation prompt.
  private held: { time: number; text: string }[] = [];
  private enteredAt = 0;
  private cwd: string | null = null;
  private current: CommandBuilder | null = null;

  constructor(
    private cols: number,
    private readonly origin: number,
    /** The prompts a first pass found (null in that pass). */
    private readonly known: PromptBook | null,
  ) {}

  resize(size: string): void {
    const cols = Number(size.split("x")[0]);
    if (cols > 0) this.cols = cols;
  }

  piece(piece: Piece, time: number): void {
    if (piece.kind === "mark") {
      if (piece.mark.kind === "cwd") this.cwd = piece.mark.path;
      return;
    }
    const text = piece.text;
    for (let start = 0; start < text.length; ) {
      const nl = text.indexOf("\n", start);
      const end = nl === -1 ? text.length : nl + 1;
      this.segment(text.slice(start, end), nl !== -1, time);
      start = end;
    }
  }

  eventEnd(time: number): void {
    if (this.state === "entered") this.settle();
    if (this.state === "typing" || this.state === "entered" || this.line.fullScreen) return;
    const text = this.line.text;
    const row = cursorRow(text, this.cols);
    const shown = row.screen.lineBeforeCursor();
    if (!isPrompt(shown)) return;
    this.learned.add(shown);
    if (this.current) {
      const column = (this.known ?? this.learned).startIn(shown);
      this.current.dropLast(text.length - promptStart(text, row, column, this.line.writtenFrom));
      this.current.dropLast(promptSpLength(this.current.tail(MAX_PROMPT_SP)));
      this.close(time);
    }
    this.state = "typing";
    this.prompt = text;
    this.echo = "";
  }

  /** Ends the recording: a command still running ends at the last event. */
  end(last: CastEvent, session: number | null | undefined): void {
    if (this.state === "entered") this.startOutput();
    if (!this.current) return;
    const { exitStatus, cutShort } = unfinished(this.current.line, session);
    const command = this.current.finish(this.origin, last.time, exitStatus);
    this.current = null;
    if (cutShort) {
      command.partial = `line ${last.line}: the recording ends while ${JSON.stringify(command.line)} runs (no prompt follows it): it was cut short and its output may be incomplete`;
      this.warnings.push(command.partial);
    }
    this.commands.push(command);
  }

  // `text` is a piece of output up to and including a newline (`endsLine`), or the rest of a write.
  private segment(text: string, endsLine: boolean, time: number): void {
    this.line.feed(endsLine ? text.slice(0, -1) : text);
    switch (this.state) {
      case "typing":
        this.echo += text;
        if (endsLine) this.enter(time);
        else if (this.echo.length > MAX_ECHO) this.state = "idle";
        break;
      case "entered":
        this.held.push({ time, text });
        if (endsLine) this.enteredLineEnds(time);
        break;
      case "output":
        this.current?.append(time, text);
        if (endsLine) this.lineEnds(time);
        break;
      case "idle":
        if (endsLine) this.lineEnds(time);
        break;
    }
    if (endsLine) this.line.feed("\n");
  }

  private enter(time: number): void {
    const line = typedLine(this.prompt, this.echo, this.cols);
    this.echo = "";
    this.addLine(line, time);
  }

  // An empty first line, or any abandoned with Ctrl-C, runs nothing.
  private addLine(line: string, time: number): void {
    if (line.endsWith("^C") || (line === "" && this.typed.length === 0)) {
      this.state = "idle";
      this.typed = [];
      return;
    }
    this.typed.push(line);
    this.state = "entered";
    this.enteredAt = time;
    this.held = [];
  }

  private continues(text: string): boolean {
    return needsMoreInput(this.typed) || text.includes(READING_LINE);
  }

  // At the end of a write after Enter: a continuation prompt alone on its line asks for more of the command.
  private settle(): void {
    if (this.line.fullScreen) {
      this.startOutput();
      return;
    }
    const text = this.line.text;
    const shown = cursorRow(text, this.cols).screen.lineBeforeCursor();
    if (afterContinuationPrompt(shown) === "" && this.continues(text)) {
      this.state = "typing";
      this.prompt = text;
      this.echo = "";
      this.held = [];
      return;
    }
    // nothing but cursor moves and mode switches yet: wait for more
    if (typedLine("", text, this.cols) !== "") this.startOutput();
  }

  // A whole line after Enter: a continuation prompt with the next line of the command typed ahead, or output.
  private enteredLineEnds(time: number): void {
    const text = this.line.text;
    const typed = this.line.fullScreen
      ? null
      : afterContinuationPrompt(typedLine("", text, this.cols));
    if (typed !== null && this.continues(text)) {
      this.addLine(typed, time);
      return;
    }
    this.startOutput();
    this.lineEnds(time);
  }

  /**
   * A whole line of output (or of text before the first prompt): a prompt seen at the end of writes,
   * at its start with a command after it, begins that command. While a command runs, only a line
   * the line editor drew counts (output can quote prompts).
   */
  private lineEnds(time: number): void {
    if (!this.known?.size || this.line.fullScreen) return;
    const text = this.line.text;
    if (this.current && !text.includes(READING_LINE)) return;
    const typed = this.known.typedAfter(typedLine("", text, this.cols));
    if (typed === null) return;
    if (this.current) {
      this.current.dropLast(text.length - this.line.writtenFrom + 1);
      this.close(time);
    }
    this.typed = [];
    this.addLine(typed, time);
  }

  private startOutput(): void {
    this.current = new CommandBuilder(this.typed.join("\n"), this.enteredAt, this.cwd);
    for (const h of this.held) this.current.append(h.time, h.text);
    this.held = [];
    this.typed = [];
    this.state = "output";
  }

  private close(time: number): void {
    if (this.current) this.commands.push(this.current.finish(this.origin, time, null));
    this.current = null;
  }
}
