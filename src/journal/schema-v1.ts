// Rows keep an explicit INTEGER PRIMARY KEY `n` because the FTS tables point at it by rowid,
// and VACUUM may renumber implicit rowids.
const TABLES = `
CREATE TABLE journals (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  site TEXT, system TEXT, tool TEXT, from_series TEXT, to_series TEXT,
  status TEXT NOT NULL,
  operators TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL, started_at INTEGER, ended_at INTEGER
);
CREATE TABLE events (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  journal_id TEXT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  time INTEGER NOT NULL,
  actor TEXT NOT NULL,
  terminal TEXT,
  phase TEXT,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  output_id TEXT,
  UNIQUE (journal_id, seq)
);
CREATE INDEX events_output ON events(output_id) WHERE output_id IS NOT NULL;
CREATE TABLE outputs (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  ended_at INTEGER
);
CREATE TABLE output_chunks (
  output_id TEXT NOT NULL REFERENCES outputs(id) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  t INTEGER NOT NULL,
  off INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  enc INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (output_id, n)
) WITHOUT ROWID;
CREATE TABLE running (
  event_id TEXT PRIMARY KEY,
  journal_id TEXT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  record TEXT NOT NULL
);
CREATE TABLE secret_sources (path TEXT PRIMARY KEY, kind TEXT NOT NULL, added_at INTEGER NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

const EVENT_TEXT = (r: string) => `CASE ${r}.kind
  WHEN 'note' THEN json_extract(${r}.payload, '$.text')
  WHEN 'command' THEN json_extract(${r}.payload, '$.line')
  WHEN 'milestone' THEN concat_ws(' ', json_extract(${r}.payload, '$.name'), json_extract(${r}.payload, '$.text'))
  WHEN 'check' THEN concat_ws(' ', json_extract(${r}.payload, '$.name'), json_extract(${r}.payload, '$.text'))
  WHEN 'amend' THEN json_extract(${r}.payload, '$.text')
  WHEN 'phase' THEN json_extract(${r}.payload, '$.name')
  WHEN 'snapshot' THEN json_extract(${r}.payload, '$.label')
END`;

// Triggers keep the indexes right whatever path wrote the row (append, spool drain, import).
const SEARCH = `
CREATE VIRTUAL TABLE events_fts USING fts5(body);
CREATE VIRTUAL TABLE journals_fts USING fts5(body);
CREATE VIRTUAL TABLE outputs_fts USING fts5(body);
CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
  INSERT INTO events_fts(rowid, body) SELECT new.n, ${EVENT_TEXT("new")} WHERE ${EVENT_TEXT("new")} IS NOT NULL;
END;
CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN
  DELETE FROM events_fts WHERE rowid = old.n;
END;
CREATE TRIGGER journals_fts_ai AFTER INSERT ON journals BEGIN
  INSERT INTO journals_fts(rowid, body) VALUES (new.n, new.title);
END;
CREATE TRIGGER journals_fts_ad AFTER DELETE ON journals BEGIN
  DELETE FROM journals_fts WHERE rowid = old.n;
END;
CREATE TRIGGER outputs_fts_ad AFTER DELETE ON outputs BEGIN
  DELETE FROM outputs_fts WHERE rowid = old.n;
END;
`;

/** Statements of schema version 1. */
export const SCHEMA_V1 = TABLES + SEARCH;
