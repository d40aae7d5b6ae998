import {
  decodeChunk,
  type ExportedChunk,
  type ExportedOutput,
  encodeChunk,
  encodingCode,
  encodingName,
} from "../journal/index.js";
import type { Redactor } from "../redact/index.js";
import { redactDeep } from "./redaction.js";

/**
 * An export document redacted with this store's secrets before it is imported: a journal
 * exported elsewhere (or edited by hand) may hold values this store was told to hide. What holds
 * none comes back as it was, so that stacklog's own exports still import byte for byte. A
 * document of the wrong shape is passed on as it is, for the import's checks to name.
 */
export function redactExportDoc(value: unknown, redactor: Redactor): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const doc = value as Record<string, unknown>;
  const out: Record<string, unknown> = { ...doc };
  if ("journal" in doc) out.journal = redactDeep(doc.journal, redactor);
  if (Array.isArray(doc.events)) out.events = redactDeep(doc.events, redactor);
  if (Array.isArray(doc.outputs))
    out.outputs = doc.outputs.map((o) => redactOutput(o as ExportedOutput, redactor));
  return out;
}

/** The output with its text redacted across chunk boundaries, or itself when nothing changed. */
function redactOutput(o: ExportedOutput, redactor: Redactor): ExportedOutput {
  if (!o || !Array.isArray(o.chunks)) return o;
  let texts: string[];
  try {
    const decoder = new TextDecoder("utf-8", { fatal: false });
    texts = o.chunks.map((c) =>
      decoder.decode(decodeChunk(encodingCode(c.encoding), Buffer.from(c.data, "base64")), {
        stream: true,
      }),
    );
  } catch {
    return o; // not decodable: the import's checks say so
  }
  const stream = redactor.stream();
  const pieces = texts.map((t) => stream.push(t));
  const rest = stream.flush();
  if (pieces.length > 0) pieces[pieces.length - 1] += rest;
  if (pieces.join("") === texts.join("")) return o;
  const chunks: ExportedChunk[] = [];
  pieces.forEach((piece, i) => {
    if (piece === "" && i < pieces.length - 1) return;
    const raw = Buffer.from(piece, "utf8");
    const { enc, data } = encodeChunk(raw);
    const t = (o.chunks[i] as ExportedChunk).t;
    chunks.push({
      t,
      bytes: raw.length,
      encoding: encodingName(enc),
      data: data.toString("base64"),
    });
  });
  return { ...o, bytes: chunks.reduce((n, c) => n + c.bytes, 0), chunks };
}
