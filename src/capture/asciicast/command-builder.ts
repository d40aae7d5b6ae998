import type { OutputChunk } from "../../journal/index.js";
import type { ImportedCommand } from "./types.js";

/** Collects one imported command's output; times are ms since the recording's start until `finish`. */
export class CommandBuilder {
  private readonly output: OutputChunk[] = [];
  // Where the line now being written starts: [chunk index, offset in that chunk].
  private lineStart: [number, number] = [0, 0];

  constructor(
    readonly line: string,
    readonly startedAt: number,
    readonly cwd: string | null,
  ) {}

  /** Adds output written at `time`; writes at the same time as the previous one join its chunk. */
  append(time: number, data: string): void {
    if (!data) return;
    const t = round3(time - this.startedAt);
    const last = this.output[this.output.length - 1];
    let base = 0;
    if (last && last.t === t) {
      base = last.data.length;
      last.data += data;
    } else {
      this.output.push({ t, data });
    }
    const nl = data.lastIndexOf("\n");
    if (nl !== -1) this.lineStart = [this.output.length - 1, base + nl + 1];
  }

  /** Removes the text written since the last newline (a prompt found there belongs to the next command). */
  dropCurrentLine(): void {
    const [index, offset] = this.lineStart;
    this.output.length = Math.min(this.output.length, index + 1);
    const chunk = this.output[index];
    if (!chunk) return;
    chunk.data = chunk.data.slice(0, offset);
    if (!chunk.data) this.output.pop();
  }

  /** The finished command, with times made epoch ms from the recording's `origin`. */
  finish(origin: number, endTime: number, exitStatus: number | null): ImportedCommand {
    return {
      line: this.line,
      startedAt: round3(origin + this.startedAt),
      endedAt: round3(origin + Math.max(endTime, this.startedAt)),
      exitStatus,
      cwd: this.cwd,
      output: this.output,
    };
  }
}

function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
