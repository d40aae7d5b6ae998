/**
 * Every error a user can see, by permanent name. Each says what happened, why, and what to do;
 * errors raised mid-change also say what state the store is in.
 */
export interface ErrorDetails {
  title: string;
  /** What happened and why. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** For failures during a change: what the store holds now. */
  storeState?: string;
  /** Process exit status. 2 = usage, 3 = not found, 4 = store problem, 5 = bad input, 1 = other. */
  exitCode: number;
}

import { environment } from "./catalogue-environment.js";

const UNCHANGED = "Nothing was written; the store is unchanged.";

/** A byte count for people: 512.0 MiB. */
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

export const catalogue = {
  NoCurrentJournal: () => ({
    title: "No current journal",
    message: "This command needs a journal, but none is current in this store.",
    hint: 'Start one with `stacklog start --title "..."`, or name one with `--journal ID` (see `stacklog list`).',
    exitCode: 3,
  }),
  JournalNotFound: (id: string) => ({
    title: "Unknown journal",
    message: `No journal matches "${id}".`,
    hint: "List journals with `stacklog list`; an id prefix is enough when it is unique.",
    exitCode: 3,
  }),
  CurrentJournalMissing: (id: string, store: string) => ({
    title: "Current journal not in this store",
    message: `The current journal ${id} is not in the store ${store}.`,
    hint: 'Was the store moved aside or replaced? Records for the journal wait in the spool until a store that holds it is back (`stacklog status` counts them). `stacklog list` shows what this store holds; `stacklog start --title "..."` begins a new journal.',
    exitCode: 3,
  }),
  EventNotFound: (id: string) => ({
    title: "Unknown event",
    message: `No event matches "${id}" in this journal.`,
    hint: "Events are named by their number (`12` or `#12`) or full id; see `stacklog log`.",
    exitCode: 3,
  }),
  AmbiguousId: (id: string, n: number) => ({
    title: "Ambiguous id",
    message: `"${id}" matches ${n} items.`,
    hint: "Give more characters of the id.",
    exitCode: 3,
  }),
  StoreLocked: (path: string, ms: number) => ({
    title: "Store locked",
    message: `The store ${path} stayed locked by another process for ${ms} ms.`,
    hint: `Another stacklog is writing a long change; try again. If no stacklog is running, find what holds it: fuser ${path}`,
    storeState: UNCHANGED,
    exitCode: 4,
  }),
  StoreCorrupt: (path: string, detail: string) => ({
    title: "Store corrupt",
    message: `The store ${path} is not a readable stacklog database (${detail}).`,
    hint: "Move the file aside and restore from a `stacklog export`, or from your backups. Commands still run; their events wait in the spool.",
    storeState: "The file was not modified.",
    exitCode: 4,
  }),
  StoreUnwritable: (path: string, detail: string) => ({
    title: "Store not writable",
    message: `The store ${path} cannot be written (${detail}).`,
    hint: "Check the directory's permissions and free space, or point STACKLOG_HOME elsewhere.",
    storeState: UNCHANGED,
    exitCode: 4,
  }),
  StoreNotFound: (path: string) => ({
    title: "No store",
    message: `There is no stacklog store at ${path}, and it was opened read-only.`,
    hint: "Start a journal first (`stacklog start`), or point STACKLOG_HOME at the store.",
    storeState: UNCHANGED,
    exitCode: 3,
  }),
  StoreTooNew: (path: string, version: number, known: number) => ({
    title: "Store from a newer stacklog",
    message: `The store ${path} is at schema version ${version}; this stacklog knows up to ${known}.`,
    hint: "Upgrade stacklog.",
    storeState: UNCHANGED,
    exitCode: 4,
  }),
  SecretSourceUnreadable: (path: string, detail: string) => ({
    title: "Secret source unreadable",
    message: `The secret source ${path} could not be read (${detail}).`,
    hint: `Check the path and permissions (\`stacklog secrets list\` shows the registered sources). While a registered source cannot be read its values cannot be redacted, so nothing that may hold them is stored. If the file is gone for good, stop using it: stacklog secrets remove ${path}`,
    exitCode: 5,
  }),
  StateUnreadable: (path: string, detail: string) => ({
    title: "State file unreadable",
    message: `${path} cannot be read (${detail}). It names the current journal and the registered secret sources: while it cannot be read, their values cannot be hidden, so nothing that may hold them is stored.`,
    hint: `Fix the file (stacklog writes it as JSON: {"currentJournal": ..., "secretSources": [{"path": ..., "kind": ...}]}), or move it aside (mv ${path} ${path}.broken). Moved aside, no journal is current and no secret source is registered: add every source again (stacklog secrets add FILE) and name the journal with --journal ID before recording.`,
    exitCode: 4,
  }),
  StateNotPermitted: (path: string, detail: string) => ({
    title: "State file not readable to you",
    message: `${path} cannot be read (${detail}). It names the current journal and the registered secret sources: while it cannot be read, their values cannot be hidden, so nothing that may hold them is stored.`,
    hint: "The store belongs to another user or its folder's permissions keep you out: run stacklog as the store's owner, fix the permissions (ls -ld the folder and the file), or point STACKLOG_HOME at a store of your own.",
    exitCode: 4,
  }),
  StateUnwritable: (path: string, detail: string) => ({
    title: "State file not writable",
    message: `${path} could not be written (${detail}).`,
    hint: "Check the free space and permissions of the store's folder, then run the command again.",
    storeState: `${path} is as it was.`,
    exitCode: 4,
  }),
  SecretSourceNotRegistered: (path: string, registered: string[]) => ({
    title: "Not a registered secret source",
    message: `${path} is not among the registered secret sources${registered.length ? ` (${registered.join(", ")})` : " (there are none)"}.`,
    hint: "Name a source as `stacklog secrets list` shows it; a relative path is taken from the current folder.",
    storeState: "No source was removed.",
    exitCode: 3,
  }),
  MalformedYaml: (path: string, line: number, col: number, detail: string) => ({
    title: "Malformed YAML",
    message: `${path}:${line}:${col}: ${detail}`,
    hint: "Fix the file at that line and column, then run the command again.",
    storeState: UNCHANGED,
    exitCode: 5,
  }),
  MalformedImport: (path: string, detail: string) => ({
    title: "Malformed import",
    message: `${path} is not a stacklog export: ${detail}`,
    hint: "Import files written by `stacklog export --format json`; the schema is schema/export.schema.json.",
    storeState: "The import ran in one transaction and was rolled back; the store is unchanged.",
    exitCode: 5,
  }),
  ImportFileNotFound: (path: string, why: string) => ({
    title: "Import file not found",
    message: `${path} ${why}.`,
    hint: "Check the path. `stacklog import` reads a file written by `stacklog export`, or with --format asciicast a terminal recording (.cast).",
    storeState: UNCHANGED,
    exitCode: 3,
  }),
  ImportFileUnreadable: (path: string, detail: string) => ({
    title: "Import file unreadable",
    message: `${path} could not be read (${detail}).`,
    hint: "Check the file's permissions, or copy it somewhere readable and import the copy.",
    storeState: UNCHANGED,
    exitCode: 5,
  }),
  ImportIsRecording: (path: string) => ({
    title: "A recording, not an export",
    message: `${path} is an asciicast recording; without --format, \`stacklog import\` reads journal exports (JSON).`,
    hint: `Import it as a recording: stacklog import --format asciicast ${path}`,
    storeState: UNCHANGED,
    exitCode: 2,
  }),
  ImportIsExport: (path: string) => ({
    title: "An export, not a recording",
    message: `${path} is a journal written by \`stacklog export\`, not an asciicast recording.`,
    hint: `Import the whole journal: leave out \`--format\` (stacklog import ${path}).`,
    storeState: UNCHANGED,
    exitCode: 2,
  }),
  ImportConflict: (id: string) => ({
    title: "Journal already present",
    message: `Journal ${id} is already in this store.`,
    hint: "Import into another store (STACKLOG_HOME=...), or use --replace to drop and re-import it.",
    storeState: UNCHANGED,
    exitCode: 5,
  }),
  RecordingAlreadyImported: (file: string, seq: number) => ({
    title: "Recording already imported",
    message: `${file} is in this journal already: its first command is #${seq}, with the same start time and line. Importing it again would record every command twice.`,
    hint: "Nothing to do if it is the same recording; to keep a copy in another journal, give --journal ID.",
    storeState: UNCHANGED,
    exitCode: 5,
  }),
  UnknownFlag: (flag: string, verb: string) => ({
    title: "Unknown flag",
    message: `\`${flag}\` is not a flag of \`stacklog ${verb}\`.`,
    hint: `See \`stacklog ${verb} --help\`.`,
    exitCode: 2,
  }),
  UnknownVerb: (verb: string) => ({
    title: "Unknown command",
    message: `\`${verb}\` is not a stacklog command.`,
    hint: "See `stacklog --help` for the list.",
    exitCode: 2,
  }),
  BadValue: (what: string, expected: string, example: string, received: string, hint?: string) => ({
    title: `Bad value for ${what}`,
    message: `expected: ${expected}\n  example:  ${example}\n  received: ${received}`,
    ...(hint ? { hint } : {}),
    exitCode: 2,
  }),
  FlagNotApplicable: (flag: string, why: string, example: string) => ({
    title: `${flag} does not apply here`,
    message: `\`${flag}\` ${why}.`,
    hint: `Leave ${flag} out, or use it as in: ${example}`,
    exitCode: 2,
  }),
  MissingArgument: (what: string, example: string) => ({
    title: "Missing argument",
    message: `${what} must be given.`,
    hint: `Example: ${example}`,
    exitCode: 2,
  }),
  EmptyNote: () => ({
    title: "Empty note",
    message: "The note has no text (arguments, -m, standard input and $EDITOR gave nothing).",
    hint: 'Example: stacklog note --problem "galera node 2 did not rejoin"',
    exitCode: 2,
  }),
  EmptyAmendment: () => ({
    title: "Empty amendment",
    message: "The amendment has no text (neither arguments after the event nor -m gave any).",
    hint: 'Example: stacklog amend 14 "the restart was of nova_compute, not nova_api"',
    exitCode: 2,
  }),
  FlagValueLooksLikeFlag: (flag: string, long: string, verb: string) => ({
    title: "Value taken for a flag",
    message: `The value after \`${flag}\` starts with \`-\`, so \`stacklog ${verb}\` read it as another flag and \`${flag}\` got no value.`,
    hint: `Join the value to its flag with \`=\`: ${flag}="-value"${flag === long ? "" : ` or ${long}="-value"`}. Text that a command also takes as arguments (a note, an amendment) may instead follow \`--\`, which ends the flags: stacklog note -- "-5 degrees in the DC"`,
    exitCode: 2,
  }),
  TextGivenTwice: (verb: string, example: string) => ({
    title: "Text given twice",
    message: `\`stacklog ${verb}\` got its text both as arguments and with -m; it takes one, and would have dropped the other.`,
    hint: `Give the text once, as arguments or with -m: ${example}`,
    storeState: UNCHANGED,
    exitCode: 2,
  }),
  PhaseNotRunning: (name: string | null, running: string | null) => ({
    title: "Phase not running",
    message:
      running === null
        ? `No phase is running in this journal, so ${name === null ? "there is none" : `"${name}" cannot be`} ended.`
        : `Phase "${name}" is not running; the running phase is "${running}".`,
    hint:
      running === null
        ? "Begin one with `stacklog phase NAME`; `stacklog status` shows the phase in force."
        : `End "${running}" with \`stacklog phase --end\`; \`stacklog phase NAME\` begins a phase and ends the running one.`,
    storeState: UNCHANGED,
    exitCode: 3,
  }),
  JournalFinished: (id: string, status: string) => ({
    title: "Journal already finished",
    message: `Journal ${id} is ${status}.`,
    hint: "Start a new journal, or amend events of this one with `stacklog amend`.",
    exitCode: 5,
  }),
  MalformedRecording: (
    source: string,
    line: number,
    expected: string,
    example: string,
    received: string,
  ) => ({
    title: "Malformed recording",
    message: `${source}:${line}: this is not a readable asciicast recording.\n  expected: ${expected}\n  example:  ${example}\n  received: ${received}`,
    hint: "stacklog reads asciicast v2 and v3 files as `asciinema rec` writes them: uncompressed UTF-8 text, a JSON header line, then one JSON event per line.",
    storeState: UNCHANGED,
    exitCode: 5,
  }),
  CommandNotFound: (cmd: string) => ({
    title: "Command not found",
    message: `\`${cmd}\` could not be started: no such file or not executable.`,
    hint: "Check the spelling and PATH.",
    exitCode: 127,
  }),
  SecretInOutput: (where: string, secret: string) => ({
    title: "Secret in output",
    message: `The export would have written the secret "${secret}" (its label; the value is not shown) in ${where}.`,
    hint: "The store holds a value stored before its source was registered (events are never rewritten, and an amendment keeps what it corrects). Publish the other journals (`--journal ID`), or make a redacted copy: `stacklog export --journal ID --out j.json`, then `stacklog import j.json` into a new store (STACKLOG_HOME) with the source registered there (an import redacts), and publish from that store; delete j.json.",
    storeState: "Nothing was written; the output folder is unchanged.",
    exitCode: 5,
  }),
  OutputFolderNotFound: (path: string, dir: string) => ({
    title: "Output not writable",
    message: `${path} cannot be written: the folder ${dir} does not exist.`,
    hint: `Create it (mkdir -p ${dir}) or name a file in an existing folder; without --out the export goes to standard output.`,
    storeState: `Nothing was written; ${path} was not created.`,
    exitCode: 3,
  }),
  OutputUnwritable: (path: string, why: string) => ({
    title: "Output not writable",
    message: `${path} cannot be written: ${why}.`,
    hint: "Name a file in a folder you can write to (check its permissions and free space); without --out the export goes to standard output.",
    storeState: `Nothing was written; ${path} is as it was.`,
    exitCode: 1,
  }),
  SiteUnwritable: (out: string, why: string, at: string) => ({
    title: "Output not writable",
    message: `The site cannot be written to ${out}: ${why} (${at}).`,
    hint: "Name a folder you can write to with --out (check its permissions and free space), or fix these and publish again.",
    storeState: `The store is unchanged; ${out} holds what it held before, unless the failure came while the pages were being put in place.`,
    exitCode: 1,
  }),
  OutputInStore: (path: string, resolved: string, home: string) => ({
    title: "Output inside the store",
    message: `${path}${resolved === path ? "" : ` (${resolved})`} is part of the store at ${home} (its database, write-ahead log, state file, spool or another of its files): writing the export over it would destroy what the store holds.`,
    hint: "Name a file outside the store's folder, e.g. --out ~/upgrade.json.",
    storeState: "Nothing was written; the store is unchanged.",
    exitCode: 5,
  }),
  ExportTooLarge: (journalId: string, bytes: number, exact: boolean, limit: number) => ({
    title: "Journal too large for one JSON export",
    message: `Journal ${journalId} makes a JSON document of ${exact ? "" : "more than "}${bytes} bytes (${mib(bytes)}); one JSON export holds at most ${limit} bytes (${mib(limit)}), the longest text \`stacklog import\` can read back.`,
    hint: `Export its commands and their output as a recording, which has no such limit: stacklog export --journal ${journalId} --format asciicast --out upgrade.cast (one command: --event N). To move or back up the whole journal, copy the store's folder while no stacklog runs.`,
    storeState: "Nothing was written.",
    exitCode: 1,
  }),
  ImportTooLarge: (path: string, bytes: number, limit: number) => ({
    title: "Import file too large",
    message: `${path} holds ${bytes} bytes (${mib(bytes)}); \`stacklog import\` reads a file as one text of at most ${limit} bytes (${mib(limit)}).`,
    hint: "A journal this large cannot move as one export: copy its store's folder instead (while no stacklog runs), or import a recording in smaller parts.",
    storeState: UNCHANGED,
    exitCode: 5,
  }),
  UnsafeOutputPath: (path: string, outDir: string) => ({
    title: "Output path outside the output folder",
    message: `${path} resolves outside ${outDir} (a symbolic link in the output folder?).`,
    hint: "Export into a folder without symbolic links leading elsewhere, or remove the link.",
    storeState: "Nothing was written; the output folder is unchanged.",
    exitCode: 5,
  }),
  PortInUse: (host: string, port: number) => ({
    title: "Port in use",
    message: `Another program is already listening on ${host}:${port}, so \`stacklog serve\` cannot start there.`,
    hint: `Choose another port with \`--port\` (e.g. --port ${port + 1}), or stop the program using it (\`ss -ltnp 'sport = :${port}'\` shows which).`,
    exitCode: 1,
  }),
  PublicHostRefused: (host: string) => ({
    title: "Not serving on a public address",
    message: `${host} is not a loopback address; the live view would be readable by anyone who can reach this machine.`,
    hint: "Serve on 127.0.0.1 (the default) and use an SSH tunnel, or pass --public if exposing the journals is intended.",
    exitCode: 2,
  }),
  ...environment,
} satisfies Record<string, (...args: never[]) => ErrorDetails>;

export type ErrorName = keyof typeof catalogue;
