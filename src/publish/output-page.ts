import type { JournalEvent, JournalReader } from "../journal/index.js";
import { ansiToHtml, stripAnsi } from "./ansi.js";
import { bytes } from "./format.js";
import { html } from "./html.js";
import { layout, type Rendered } from "./layout.js";

function fullText(reader: JournalReader, outputId: string): string {
  return reader
    .readOutput(outputId)
    .map((c) => c.data)
    .join("");
}

/** A command's whole output at `journals/<id>/output/<outputId>.html`; `textLink` when the .txt route exists. */
export function outputPage(
  reader: JournalReader,
  journalId: string,
  command: JournalEvent,
  outputId: string,
  opts: { textLink?: boolean } = {},
): Rendered {
  const j = reader.getJournal(journalId);
  const line = command.payload.kind === "command" ? command.payload.line : "";
  const body = html`<p><a href="../index.html#e-${command.id}">← ${j.title} #${command.seq}</a>${opts.textLink ? html` · <a href="${encodeURIComponent(outputId)}.txt">plain text</a>` : ""}</p>
<h1><code>${line}</code></h1>
<p class="muted">${bytes(reader.outputSize(outputId))}</p>
<pre class="term full">${ansiToHtml(fullText(reader, outputId))}</pre>`;
  return layout({ title: `Output of #${command.seq}`, root: "../../../", body });
}

/** The same output as plain text, escapes removed. */
export function outputText(reader: JournalReader, outputId: string): Rendered {
  return { contentType: "text/plain; charset=utf-8", body: stripAnsi(fullText(reader, outputId)) };
}
