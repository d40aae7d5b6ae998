export { exportJekyll, type JekyllExportOptions } from "./export-jekyll.js";
export { liquidInert } from "./liquid-inert.js";
export type { Secret } from "./secret-scan.js";
