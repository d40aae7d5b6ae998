import { CommandBuilder } from "./command-builder.js";
import { EchoScreen, typedLine } from "./echo-screen.js";
import { OscScanner, type Piece } from "./osc-scanner.js";
import type { CastEvent } from "./read-events.js";
import type { SplitResult } from "./split-marks.js";

// A prompt is one line; longer lines are output, not prompts.
const MAX_PROMPT = 1024;

/**
 * Cuts a recording without marks into commands by spotting prompts: output that stops (at the end of
 * an event) on a line ending in `$ ` or `# `, followed by the echo of a typed line. The output of a
 * command runs up to the line where the next prompt starts. Exit statuses are unknown.
 */
export function splitByPrompt(
  events: readonly CastEvent[],
  cols: number,
  origin: number,
): SplitResult {
  const s = new PromptSplitter(cols, origin);
  const scanner = new OscScanner();
  let last: CastEvent | undefined;
  for (const e of events) {
    last = e;
    if (e.code === "r") s.cols = Number(e.data.split("x")[0]);
    if (e.code !== "o") continue;
    for (const piece of scanner.feed(e.data)) s.piece(piece, e.time);
    s.eventEnd(e.time);
  }
  if (last) {
    for (const piece of scanner.flush()) s.piece(piece, last.time);
    s.finish(last.time);
  }
  return { commands: s.commands, warnings: [] };
}

class PromptSplitter {
  readonly commands: SplitResult["commands"] = [];
  private state: "idle" | "typing" | "output" = "idle";
  private line = "";
  private prompt = "";
  private typed = "";
  private cwd: string | null = null;
  private current: CommandBuilder | null = null;

  constructor(
    public cols: number,
    private readonly origin: number,
  ) {}

  piece(piece: Piece, time: number): void {
    if (piece.kind === "mark") {
      if (piece.mark.kind === "cwd") this.cwd = piece.mark.path;
      return;
    }
    let text = piece.text;
    if (this.state === "typing") {
      const nl = text.indexOf("\n");
      this.typed += nl === -1 ? text : text.slice(0, nl + 1);
      if (nl !== -1) {
        this.enter(time);
        text = text.slice(nl + 1);
        this.line = "";
      }
    }
    if (this.state === "output") this.current?.append(time, text);
    this.track(text);
  }

  eventEnd(time: number): void {
    if (this.state === "typing" || this.line.length > MAX_PROMPT || !isPrompt(this.line, this.cols))
      return;
    this.current?.dropCurrentLine();
    this.finish(time);
    this.state = "typing";
    this.prompt = this.line;
    this.typed = "";
  }

  finish(time: number): void {
    if (this.current) this.commands.push(this.current.finish(this.origin, time, null));
    this.current = null;
  }

  private enter(time: number): void {
    const line = typedLine(this.prompt, this.typed, this.cols);
    // An empty line or one abandoned with Ctrl-C ran nothing.
    if (line === "" || line.endsWith("^C")) {
      this.state = "idle";
      return;
    }
    this.current = new CommandBuilder(line, time, this.cwd);
    this.state = "output";
  }

  private track(text: string): void {
    const nl = text.lastIndexOf("\n");
    if (nl !== -1) this.line = text.slice(nl + 1);
    else if (this.line.length <= MAX_PROMPT) this.line += text;
  }
}

function isPrompt(line: string, cols: number): boolean {
  const screen = new EchoScreen(cols);
  screen.write(line);
  return /[$#] $/.test(screen.lineBeforeCursor());
}
