import { constants, deflateRawSync, inflateRawSync } from "node:zlib";

/** How a chunk's bytes are stored. */
export const PLAIN = 0;
export const DEFLATE = 1;

// Below this, deflate's fixed cost outweighs what it saves.
const MIN_COMPRESS = 256;

/** Compresses a chunk at zlib's fastest level, keeping it plain when that is not smaller. */
export function encodeChunk(raw: Buffer): { enc: number; data: Buffer } {
  if (raw.length < MIN_COMPRESS) return { enc: PLAIN, data: raw };
  const z = deflateRawSync(raw, { level: constants.Z_BEST_SPEED });
  return z.length < raw.length ? { enc: DEFLATE, data: z } : { enc: PLAIN, data: raw };
}

export function decodeChunk(enc: number, data: Buffer): Buffer {
  return enc === DEFLATE ? inflateRawSync(data) : data;
}

/** Export names of the encodings. */
export function encodingName(enc: number): "plain" | "deflate-raw" {
  return enc === DEFLATE ? "deflate-raw" : "plain";
}

export function encodingCode(name: "plain" | "deflate-raw"): number {
  return name === "deflate-raw" ? DEFLATE : PLAIN;
}
