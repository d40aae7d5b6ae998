/** What the system's refusals to write a file mean to an operator, by error code. */
const WRITE_PROBLEMS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "a folder is in the way",
};

/** The operator's words for a failed write; undefined for a failure not among them. */
export function writeProblem(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === undefined ? undefined : WRITE_PROBLEMS[code];
}
