import { main } from "./main.js";

// The only place that ends the process: a wrapped command's status must pass through exactly.
const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.stdout.write("", () => process.exit(code));
