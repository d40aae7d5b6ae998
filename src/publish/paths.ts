/** Site path of a journal's account page. */
export function accountPath(journalId: string): string {
  return `journals/${journalId}/index.html`;
}

/** Site path of a command's whole-output page. */
export function outputPath(journalId: string, outputId: string): string {
  return `journals/${journalId}/output/${outputId}.html`;
}
