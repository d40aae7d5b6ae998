// Bundles the compiled CLI (dist/cli/entry.js and what it imports) into dist/bundle/, one file
// per verb's own code plus shared chunks, so that a verb starts by loading a few files instead of
// about ninety: Node 20's ES module loader costs about half a millisecond per file. The modules
// keep their own location: each `import.meta.url` is rewritten to the URL of the file it was in,
// so paths found from it (shell/, data/, examples/, package.json, the output worker) stay right.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const out = path.join(dist, "bundle");

const ownLocation = {
  name: "own-location",
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!args.path.startsWith(dist + path.sep) || !source.includes("import.meta.url"))
        return { contents: source, loader: "js" };
      const rel = path.relative(out, args.path).split(path.sep).join("/");
      const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
      return { contents: source.replaceAll("import.meta.url", url), loader: "js" };
    });
  },
};

const result = await build({
  entryPoints: [path.join(dist, "cli", "entry.js")],
  outdir: out,
  write: false,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  chunkNames: "chunk-[hash]",
  plugins: [ownLocation],
  logLevel: "warning",
});

// A stacklog may start while this runs (a rebuild during an upgrade, the test suite): each file
// is put in place whole (written aside, then renamed), the chunks before the entry that loads
// them, and the chunks of earlier builds (named by their content) stay until no stacklog can
// still be loading them: a verb's chunk loads within moments of its entry, `demo` within minutes.
const STALE_MS = 60 * 60 * 1000;
await mkdir(out, { recursive: true });
const isEntry = (f) => path.basename(f.path) === "entry.js";
const files = [
  ...result.outputFiles.filter((f) => !isEntry(f)),
  ...result.outputFiles.filter(isEntry),
];
for (const f of files) {
  const aside = `${f.path}.${process.pid}.tmp`;
  await writeFile(aside, f.contents);
  await rename(aside, f.path);
}
const built = new Set(files.map((f) => path.basename(f.path)));
for (const name of await readdir(out)) {
  if (built.has(name)) continue;
  const file = path.join(out, name);
  // (gone already when another build ran at the same time)
  const age = Date.now() - ((await stat(file).catch(() => null))?.mtimeMs ?? Date.now());
  if (age > STALE_MS) await rm(file, { force: true });
}
