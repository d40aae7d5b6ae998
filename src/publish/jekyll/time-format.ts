/** `2026-03-02 09:04:12 UTC` */
export function utcDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** `09:04:12` (UTC) */
export function utcTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** `2026-03-02` (UTC) */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A duration for people: `850 ms`, `42 s`, `3 min 05 s`, `2 h 07 min`, `3 d 4 h`. */
export function humanDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ${pad(s % 60)} s`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${pad(min % 60)} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
