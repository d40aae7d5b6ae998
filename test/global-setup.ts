import { builtEntry } from "./helpers/cli.js";

// The tests that run the built CLI share one build, made here before any of them starts, never
// by two test files at once.
export default function setup(): void {
  builtEntry();
}
