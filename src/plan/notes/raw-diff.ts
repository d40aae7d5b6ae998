/** A change to one file relative to one parent, the way reno's tree diff reports it. */
export interface FileChange {
  type: "add" | "delete" | "modify";
  path: string;
  /** The blob after the change (the one before it, for a delete). */
  blob: string;
}

/** One `git diff --raw` line (`:100644 100644 <old> <new> M`), read from `data[from, end)`. */
export function parseSingle(data: Buffer, from: number, end: number, path: string): FileChange {
  // The old blob sits between the second and third spaces, the new one before the fourth.
  const at = [0, 0, 0, 0];
  for (let i = from, n = 0; i < end && n < 4; i++) if (data[i] === 32) at[n++] = i;
  const [, s2, s3, s4] = at as [number, number, number, number];
  const status = data[s4 + 1];
  if (status === 68) return { type: "delete", path, blob: data.toString("latin1", s2 + 1, s3) };
  let zero = true;
  for (let i = s2 + 1; i < s3 && zero; i++) zero = data[i] === 48;
  const blob = data.toString("latin1", s3 + 1, s4);
  return { type: status === 65 || zero ? "add" : "modify", path, blob };
}

/**
 * One combined (`-c`) raw line of a merge (`::m1 m2 m <o1> <o2> <new> MM`): its change
 * against each parent, or null when reno sees none.
 */
export function parseCombined(meta: string, path: string): FileChange[] | null {
  let n = 0;
  while (meta.charCodeAt(n) === 58) n++;
  const fields = meta.slice(n).split(" ");
  const olds = fields.slice(n + 1, 2 * n + 1);
  const blob = fields[2 * n + 1] as string;
  const status = fields[2 * n + 2] as string;
  // A merge that deletes a file every parent held identically is not a change for reno.
  if (status.slice(0, n) === "D".repeat(n) && olds.every((o) => o === olds[0])) return null;
  const out: FileChange[] = [];
  for (let i = 0; i < n; i++) {
    const l = status[i];
    if (l === "A") out.push({ type: "add", path, blob });
    else if (l === "D") out.push({ type: "delete", path, blob: olds[i] as string });
    else out.push({ type: isZero(olds[i] as string) ? "add" : "modify", path, blob });
  }
  return out;
}

function isZero(sha: string): boolean {
  for (let i = 0; i < sha.length; i++) if (sha.charCodeAt(i) !== 48) return false;
  return true;
}
