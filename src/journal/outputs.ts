import type Database from "better-sqlite3";
import type { ExportedChunk, ExportedOutput } from "./export-types.js";
import { decodeChunk, encodeChunk, encodingCode, encodingName } from "./output-codec.js";
import { EdgeText } from "./search-text.js";
import type { EncodedChunk, OutputWriter } from "./store-types.js";
import type { OutputChunk } from "./types.js";

interface ChunkRow {
  n: number;
  t: number;
  off: number;
  bytes: number;
  enc: number;
  data: Buffer;
}

/** Output blobs: one row per written chunk, with its time offset and byte offset. */
export function outputTable(db: Database.Database, nextId: () => string, now: () => number) {
  const insertOutput = db.prepare(
    "INSERT OR IGNORE INTO outputs (id, created_at, ended_at) VALUES (?, ?, ?)",
  );
  const insertChunk = db.prepare(
    "INSERT OR IGNORE INTO output_chunks (output_id, n, t, off, bytes, enc, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const lastChunk = db.prepare<[string], { n: number; end: number }>(
    "SELECT n, off + bytes AS end FROM output_chunks WHERE output_id = ? ORDER BY n DESC LIMIT 1",
  );
  // Scans backwards from the newest chunk, so it touches only the tail rows.
  const tailStart = db
    .prepare<[string, number], number>(
      "SELECT n FROM output_chunks WHERE output_id = ? AND off <= ? ORDER BY n DESC LIMIT 1",
    )
    .pluck();
  const chunksFrom = db.prepare<[string, number], ChunkRow>(
    "SELECT n, t, off, bytes, enc, data FROM output_chunks WHERE output_id = ? AND n >= ? ORDER BY n",
  );
  const outputRow = db.prepare<
    [string],
    { n: number; created_at: number; ended_at: number | null }
  >("SELECT n, created_at, ended_at FROM outputs WHERE id = ?");
  const setEnded = db.prepare("UPDATE outputs SET ended_at = ? WHERE id = ?");
  const putIndex = db.prepare("INSERT OR REPLACE INTO outputs_fts (rowid, body) VALUES (?, ?)");

  // A chunk of a new output: any clash is an error, not a chunk silently kept.
  const writeChunk = db.prepare(
    "INSERT INTO output_chunks (output_id, n, t, off, bytes, enc, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );

  const size = (id: string): number => lastChunk.get(id)?.end ?? 0;
  const ensure = (id: string): void => void insertOutput.run(id, now(), null);

  /** Appends a chunk as number `n`; a chunk already stored under that number is kept. */
  const putChunk = (id: string, n: number, t: number, text: string): number => {
    const raw = Buffer.from(text, "utf8");
    const { enc, data } = encodeChunk(raw);
    insertChunk.run(id, n, Math.round(t), size(id), raw.length, enc, data);
    return raw.length;
  };

  const index = (id: string, text: string): void => {
    const row = outputRow.get(id);
    if (row) putIndex.run(row.n, text);
  };

  /** Indexes what is stored (head and tail) and marks the output ended when `endedAt` is given. */
  const finalize = (id: string, endedAt: number | null): void => {
    const edges = new EdgeText();
    for (const c of iterate(id)) edges.add(c.data);
    index(id, edges.text());
    if (endedAt !== null) setEnded.run(endedAt, id);
  };

  function* iterate(id: string, fromN = 0): Generator<OutputChunk> {
    for (const r of chunksFrom.iterate(id, fromN)) {
      yield { t: r.t, data: decodeChunk(r.enc, r.data).toString("utf8") };
    }
  }

  const read = (id: string, tailBytes?: number): OutputChunk[] => {
    if (tailBytes !== undefined && tailBytes <= 0) return [];
    const total = size(id);
    const from =
      tailBytes !== undefined && tailBytes < total
        ? (tailStart.get(id, total - tailBytes) ?? 0)
        : 0;
    return [...iterate(id, from)];
  };

  const begin = (): OutputWriter => {
    const id = nextId();
    ensure(id);
    let chunks = 0;
    let bytes = 0;
    const edges = new EdgeText();
    return {
      id,
      get chunks() {
        return chunks;
      },
      get bytes() {
        return bytes;
      },
      write(chunk: string, tOffsetMs: number) {
        if (chunk.length === 0) return;
        const raw = Buffer.from(chunk, "utf8");
        const { enc, data } = encodeChunk(raw);
        writeChunk.run(id, chunks, Math.round(tOffsetMs), bytes, raw.length, enc, data);
        chunks += 1;
        bytes += raw.length;
        edges.add(chunk);
      },
      writeEncoded(c: EncodedChunk) {
        if (c.bytes === 0) return;
        const data = Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength);
        writeChunk.run(id, chunks, Math.round(c.t), bytes, c.bytes, c.enc, data);
        chunks += 1;
        bytes += c.bytes;
      },
      end(indexText?: string) {
        db.transaction(() => {
          index(id, indexText ?? edges.text());
          setEnded.run(now(), id);
        }).immediate();
      },
    };
  };

  const exportOne = (id: string): ExportedOutput | null => {
    const row = outputRow.get(id);
    if (!row) return null;
    const chunks: ExportedChunk[] = chunksFrom.all(id, 0).map((r) => ({
      t: r.t,
      bytes: r.bytes,
      encoding: encodingName(r.enc),
      data: r.data.toString("base64"),
    }));
    return { id, createdAt: row.created_at, endedAt: row.ended_at, bytes: size(id), chunks };
  };

  /** Stores an exported output as it was (same bytes), then indexes it. */
  const importOne = (o: ExportedOutput): void => {
    insertOutput.run(o.id, o.createdAt, o.endedAt);
    let off = 0;
    o.chunks.forEach((c, n) => {
      insertChunk.run(
        o.id,
        n,
        c.t,
        off,
        c.bytes,
        encodingCode(c.encoding),
        Buffer.from(c.data, "base64"),
      );
      off += c.bytes;
    });
    finalize(o.id, null);
  };

  const remove = (id: string): void => void db.prepare("DELETE FROM outputs WHERE id = ?").run(id);

  return {
    begin,
    read,
    size,
    ensure,
    putChunk,
    finalize,
    exportOne,
    importOne,
    remove,
    exists: (id: string) => !!outputRow.get(id),
    lastN: (id: string) => lastChunk.get(id)?.n ?? -1,
  };
}

export type OutputTable = ReturnType<typeof outputTable>;
