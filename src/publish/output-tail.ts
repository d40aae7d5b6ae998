import type { JournalReader } from "../journal/index.js";

/** Bytes of output embedded in an account page per command; the rest is on the output page. */
export const TAIL_BYTES = 4096;

export interface OutputTail {
  text: string;
  /** Total size of the output in bytes. */
  size: number;
  /** True when `text` is only the end of the output. */
  truncated: boolean;
}

/** The last `bytes` of an output, starting at a line boundary when one is near. */
export function outputTail(
  reader: JournalReader,
  outputId: string,
  bytes = TAIL_BYTES,
): OutputTail {
  const size = reader.outputSize(outputId);
  const joined = reader
    .readOutput(outputId, { tailBytes: bytes })
    .map((c) => c.data)
    .join("");
  if (joined.length <= bytes && Buffer.byteLength(joined) >= size)
    return { text: joined, size, truncated: false };
  let text = joined.slice(-bytes);
  const nl = text.indexOf("\n");
  if (nl >= 0 && nl < bytes / 4) text = text.slice(nl + 1);
  return { text, size, truncated: true };
}
