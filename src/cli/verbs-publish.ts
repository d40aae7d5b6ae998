import { JOURNAL_FLAG, JSON_FLAG, type VerbSpec } from "./spec.js";

const J = { journal: JOURNAL_FLAG, json: JSON_FLAG };

/** Reading back and publishing: export, import, serve, publish, the demo. */
export const PUBLISH_VERBS: VerbSpec[] = [
  {
    name: "export",
    noPositionals: true,
    summary: "export a journal: JSON with outputs, or an asciicast recording",
    usage:
      "stacklog export [--journal ID] [--format json|asciicast|asciicast-v2|asciicast-v3] [--event N] [--out FILE]",
    description:
      "asciicast is v3 (asciinema 3); asciicast-v2 plays in asciinema 2.x. Each command starts with a marker.",
    flags: {
      journal: JOURNAL_FLAG,
      format: {
        type: "string",
        value: "FORMAT",
        description: "json (default), asciicast (v3, also asciicast-v3), asciicast-v2",
      },
      event: { type: "string", value: "N", description: "asciicast of one command only" },
      out: {
        type: "string",
        short: "o",
        value: "FILE",
        description: "write to FILE instead of standard output",
      },
    },
    examples: [
      "stacklog export > upgrade.json",
      "stacklog export --journal 01JD6Q --out upgrade.json",
      "stacklog export --format asciicast-v2 --out upgrade.cast && asciinema play upgrade.cast",
    ],
    load: () => import("./commands/export.js"),
  },
  {
    name: "import",
    summary: "import a journal export, or a terminal recording (asciicast) as commands",
    usage:
      "stacklog import FILE [--replace] | stacklog import --format asciicast FILE [--journal ID]",
    flags: {
      ...J,
      format: { type: "string", value: "FORMAT", description: "json (default) or asciicast" },
      replace: { type: "boolean", description: "replace a journal with the same id" },
    },
    examples: ["stacklog import upgrade.json", "stacklog import --format asciicast session.cast"],
    load: () => import("./commands/import.js"),
  },
  {
    name: "serve",
    noPositionals: true,
    summary: "serve the journeys, accounts, lessons and search as a live local web site",
    usage: "stacklog serve [--port 7300] [--host 127.0.0.1] [--public]",
    description:
      "Pages update within a second as events arrive. Read-only. Listens on loopback unless --public.",
    flags: {
      port: {
        type: "string",
        value: "PORT",
        description: "port (default 7300; 0 picks a free one)",
      },
      host: {
        type: "string",
        value: "ADDR",
        description: "address to listen on (default 127.0.0.1)",
      },
      public: { type: "boolean", description: "allow a non-loopback address" },
      empty: {
        type: "boolean",
        description: "on an empty store, do not import the shipped example journal",
      },
      json: JSON_FLAG,
    },
    examples: [
      "stacklog serve",
      "stacklog serve --port 8080",
      "stacklog serve --host 0.0.0.0 --public",
    ],
    load: () => import("./commands/serve.js"),
  },
  {
    name: "publish",
    noPositionals: true,
    summary: "write the site as static files (any web server or file://) or as Jekyll pages",
    usage: "stacklog publish --out DIR [--journal ID…] [--format html|jekyll]",
    description:
      "Only journals that changed since the last publish into DIR are rendered again. Publishing is refused if a registered secret would appear.",
    flags: {
      out: {
        type: "string",
        short: "o",
        value: "DIR",
        description: "output folder (nothing is written outside it)",
      },
      journal: {
        type: "string",
        multiple: true,
        value: "ID",
        description: "only these journals (repeatable; default all)",
      },
      format: { type: "string", value: "FORMAT", description: "html (default) or jekyll" },
      author: { type: "string", value: "NAME", description: "author of the Jekyll progress posts" },
      json: JSON_FLAG,
    },
    examples: [
      "stacklog publish --out public/",
      "stacklog publish --format jekyll --out ../SHAREing-DRI.github.io",
      "stacklog publish --journal 01JD6Q --out /tmp/one",
    ],
    load: () => import("./commands/publish.js"),
  },
  {
    name: "demo",
    noPositionals: true,
    summary: "a guided tour: records a short rehearsal in your store, then serves it as web pages",
    usage: "stacklog demo [--record-only] [--port 7300]",
    flags: {
      "record-only": {
        type: "boolean",
        description: "record and print the timeline, do not start the web view",
      },
      port: { type: "string", value: "PORT", description: "port of the web view (default 7300)" },
    },
    examples: ["stacklog demo", "STACKLOG_HOME=/tmp/try stacklog demo --record-only"],
    load: () => import("./commands/demo.js"),
  },
];
