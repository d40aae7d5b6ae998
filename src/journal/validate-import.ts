import {
  anything,
  bad,
  bool,
  type Check,
  count,
  DocError,
  int,
  isObject,
  list,
  nonEmpty,
  nullable,
  num,
  oneOf,
  shape,
  str,
} from "./checks.js";
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportDoc } from "./export-types.js";
import { decodeChunk, encodingCode } from "./output-codec.js";
import { EVENT_KINDS, type EventKind, JOURNAL_STATUSES, NOTE_KINDS } from "./types.js";

const optStr = nullable(str);
const optInt = nullable(int);

const journal = shape({
  id: nonEmpty,
  title: str,
  site: optStr,
  system: optStr,
  tool: optStr,
  fromSeries: optStr,
  toSeries: optStr,
  status: oneOf(JOURNAL_STATUSES),
  operators: list(str),
  createdAt: int,
  startedAt: optInt,
  endedAt: optInt,
});

// Every kind has its check: the type makes a new kind without one a compile error.
const payloads: Record<EventKind, Check> = {
  phase: shape({ kind: str, action: oneOf(["begin", "end"]), name: str }, {}, false),
  command: shape(
    {
      kind: str,
      line: str,
      argv: nullable(list(str)),
      cwd: str,
      host: str,
      user: str,
      mode: oneOf(["pty", "pipe", "shell", "hook", "import"]),
      startedAt: int,
      endedAt: optInt,
      durationMs: nullable(num),
      exitStatus: optInt,
      signal: optStr,
      outputId: optStr,
      outputBytes: count,
    },
    {
      interrupted: bool,
      hidden: bool,
      step: str,
      summary: shape({}, {}, false),
      size: shape({ cols: count, rows: count }, {}, false),
      resizes: list(shape({ t: num, cols: count, rows: count }, {}, false)),
    },
    false,
  ),
  note: shape({ kind: str, noteKind: oneOf(NOTE_KINDS), text: str }, { fixes: str }, false),
  milestone: shape({ kind: str, name: str }, { window: oneOf(["begin", "end"]), text: str }, false),
  snapshot: shape(
    { kind: str, scope: oneOf(["config", "cloud"]), label: str, data: anything },
    {},
    false,
  ),
  check: shape(
    {
      kind: str,
      name: str,
      severity: oneOf(["info", "low", "medium", "high"]),
      inhibitor: bool,
      text: str,
    },
    { detail: anything },
    false,
  ),
  plan: shape(
    {
      kind: str,
      tool: str,
      from: str,
      to: str,
      hops: list(shape({ from: str, to: str, skipped: list(str) }, {}, false)),
      phases: list(
        shape(
          {
            id: str,
            title: str,
            steps: list(
              shape(
                { id: str, title: str, why: str, commands: list(str) },
                { pointOfNoReturn: str },
                false,
              ),
            ),
          },
          {},
          false,
        ),
      ),
      markdown: str,
    },
    {},
    false,
  ),
  step: shape({ kind: str, step: str, state: oneOf(["done", "skipped"]) }, { text: str }, false),
  amend: shape({ kind: str, target: nonEmpty, text: str }, {}, false),
};

const payload: Check = (v, p) => {
  if (!isObject(v)) throw new DocError(p, "expected an object");
  oneOf(EVENT_KINDS)(v.kind, `${p}.kind`);
  payloads[v.kind as EventKind](v, p);
};

const event = shape({
  id: nonEmpty,
  journalId: nonEmpty,
  seq: int,
  time: int,
  actor: str,
  terminal: optStr,
  phase: optStr,
  payload,
});

const chunk = shape({
  t: int,
  bytes: count,
  encoding: oneOf(["plain", "deflate-raw"]),
  data: (v, p) =>
    void ((typeof v === "string" && /^[A-Za-z0-9+/]*={0,2}$/.test(v)) || bad(p, "base64 text", v)),
});

const output = shape({
  id: nonEmpty,
  createdAt: int,
  endedAt: optInt,
  bytes: count,
  chunks: list(chunk),
});

const doc = shape({
  format: oneOf([EXPORT_FORMAT]),
  version: oneOf([EXPORT_VERSION]),
  journal,
  events: list(event),
  outputs: list(output),
});

function checkEvents(d: ExportDoc): void {
  const ids = new Set<string>();
  let last = 0;
  d.events.forEach((e, i) => {
    const p = `$.events[${i}]`;
    if (e.journalId !== d.journal.id)
      throw new DocError(`${p}.journalId`, `expected "${d.journal.id}" (the journal's id)`);
    if (e.seq <= last)
      throw new DocError(`${p}.seq`, `expected a number above ${last} (seqs ascend)`);
    if (ids.has(e.id)) throw new DocError(`${p}.id`, `duplicate event id "${e.id}"`);
    last = e.seq;
    ids.add(e.id);
  });
}

function checkOutputs(d: ExportDoc): void {
  const ids = new Set<string>();
  d.outputs.forEach((o, i) => {
    const p = `$.outputs[${i}]`;
    if (ids.has(o.id)) throw new DocError(`${p}.id`, `duplicate output id "${o.id}"`);
    ids.add(o.id);
    let total = 0;
    o.chunks.forEach((c, j) => {
      const q = `${p}.chunks[${j}]`;
      let size: number;
      try {
        size = decodeChunk(encodingCode(c.encoding), Buffer.from(c.data, "base64")).length;
      } catch {
        throw new DocError(`${q}.data`, `not valid ${c.encoding} data`);
      }
      if (size !== c.bytes)
        throw new DocError(`${q}.bytes`, `says ${c.bytes}, the data holds ${size}`);
      total += size;
    });
    if (total !== o.bytes)
      throw new DocError(`${p}.bytes`, `says ${o.bytes}, the chunks hold ${total}`);
  });
}

/** Checks an import document's shape and consistency; throws DocError naming the wrong spot. */
export function validateExport(value: unknown): ExportDoc {
  doc(value, "$");
  const d = value as ExportDoc;
  checkEvents(d);
  checkOutputs(d);
  return d;
}
