import type { OutputChunk } from "../../journal/index.js";
import type { ImportedCommand } from "./types.js";

/** Collects one imported command's output; times are ms since the recording's start until `finish`. */
export class CommandBuilder {
  private readonly output: OutputChunk[] = [];

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
    if (last && last.t === t) last.data += data;
    else this.output.push({ t, data });
  }

  /** The last `length` characters of the output (fewer when there are not that many). */
  tail(length: number): string {
    let text = "";
    for (let i = this.output.length - 1; i >= 0 && text.length < length; i--)
      text = (this.output[i] as OutputChunk).data + text;
    return text.slice(-length);
  }

  /** Removes the last `length` characters of the output (a prompt found there belongs to the next command). */
  dropLast(length: number): void {
    let left = length;
    while (left > 0) {
      const chunk = this.output[this.output.length - 1];
      if (!chunk) return;
      const keep = Math.max(0, chunk.data.length - left);
      left -= chunk.data.length - keep;
      chunk.data = chunk.data.slice(0, keep);
      if (!chunk.data) this.output.pop();
    }
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
