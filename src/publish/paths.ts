/** Site path of a journal's account page. */
export function accountPath(journalId: string): string {
  return `journals/${journalId}/index.html`;
}

/** Site path of a journal's configuration reference. */
export function configPath(journalId: string): string {
  return `journals/${journalId}/config/index.html`;
}

/** Site path of a journal's plan page. */
export function planPath(journalId: string): string {
  return `journals/${journalId}/plan/index.html`;
}

/** Site path of the glossary of upgrade concepts. */
export const GLOSSARY_PATH = "glossary/index.html";

/** Site path of a command's whole-output page. */
export function outputPath(journalId: string, outputId: string): string {
  return `journals/${journalId}/output/${outputId}.html`;
}
