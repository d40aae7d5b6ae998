/** One server-sent event. `event` and `id` must be single-line; `data` may span lines. */
export interface SseMessage {
  event?: string;
  id?: string;
  data: string;
}

function field(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`SSE ${name} field must not contain a newline`);
  return `${name}: ${value}\n`;
}

/**
 * Formats a message for an `text/event-stream` body. Each line of `data` becomes its own
 * `data:` field, so no raw newline can end the event early or inject fields.
 */
export function formatSse(m: SseMessage): string {
  let out = "";
  if (m.event !== undefined) out += field("event", m.event);
  if (m.id !== undefined) out += field("id", m.id);
  for (const line of m.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** A comment line that keeps proxies and browsers from timing out an idle stream. */
export const SSE_HEARTBEAT = ": keep-alive\n\n";
