// Bundles the compiled CLI (dist/cli/entry.js and what it imports) into dist/bundle/, one file
// per verb's own code plus shared chunks, so that a verb starts by loading a few files instead of
// about ninety: Node 20's ES module loader costs about half a millisecond per file. The modules
// keep their own location: each `import.meta.url` is rewritten to the URL of the file it was in,
// so paths found from it (shell/, data/, examples/, package.json, the output worker) stay right.
import { readFile, rename, rm } from "node:fs/promises";
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

// Built beside and then put in place, so that a stacklog starting meanwhile finds the old
// bundle or the new one, and chunks of an earlier build (named by their content) do not stay.
const fresh = `${out}-${process.pid}`;
await build({
  entryPoints: [path.join(dist, "cli", "entry.js")],
  outdir: fresh,
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
const old = `${out}-old-${process.pid}`;
await rename(out, old).catch(() => {});
await rename(fresh, out);
await rm(old, { recursive: true, force: true });
