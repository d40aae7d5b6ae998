import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT } from "./cli.js";

/**
 * Another process holding the store's write lock (BEGIN EXCLUSIVE with better-sqlite3), as a
 * long drain or import would; resolves once it holds it, and gives back what lets it go.
 */
export async function holdLock(db: string): Promise<() => Promise<void>> {
  const holder = spawn(
    process.execPath,
    [
      "-e",
      `
      const D = require(${JSON.stringify(path.join(ROOT, "node_modules", "better-sqlite3"))});
      const db = new D(${JSON.stringify(db)});
      db.exec("BEGIN EXCLUSIVE");
      process.stdout.write("locked\\n");
      process.stdin.on("data", () => { db.exec("COMMIT"); db.close(); process.exit(0); });
    `,
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
  return async () => {
    holder.stdin.write("go\n");
    await new Promise((resolve) => holder.once("exit", resolve));
  };
}
