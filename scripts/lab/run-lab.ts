// Runs the Keystone lab by hand: node --import tsx scripts/lab/run-lab.ts [--dir DIR] [--to zed|2025.1] [--backend sqlite|mariadb] [--port N]
import { parseArgs } from "node:util";
import { type LabTarget, runLab } from "../../src/lab/index.js";

const { values } = parseArgs({
  options: {
    dir: { type: "string", default: "/var/tmp/stacklog-lab" },
    to: { type: "string", default: "2025.1" },
    port: { type: "string", default: "5001" },
    backend: { type: "string", default: "sqlite" },
  },
});
const result = await runLab({
  dir: values.dir,
  to: values.to as LabTarget,
  port: Number(values.port),
  backend: values.backend as "sqlite" | "mariadb",
  log: (line) => process.stderr.write(`[lab] ${line.slice(0, 200)}\n`),
});
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
