// Kept apart from command-recording.ts: `note`, `phase` and `milestone` use it, and must not load
// the capture code (and the YAML parser behind it) on their way to start-up.

const FINISHED = new Set(["completed", "abandoned", "rolled-back"]);

/**
 * One line when a command is recorded into a journal that was finished (likely a forgotten
 * `start`), else null.
 */
export function finishedWarning(j: { id: string; status: string }): string | null {
  if (!FINISHED.has(j.status)) return null;
  return `journal ${j.id} is ${j.status}; recording into it anyway (\`stacklog start --title "..."\` begins a new one)`;
}
