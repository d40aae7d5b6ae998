import { fail } from "../../errors/index.js";
import { type Args, str } from "../spec.js";

/**
 * A flag that counts something (`--limit 20`, `--tail 4096`): a whole number of 1 or more, or
 * undefined when the flag is absent. Anything else is a `BadValue` usage error; `absent` says what
 * leaving the flag out does.
 */
export function countFlag(
  args: Args,
  name: string,
  example: string,
  absent: string,
): number | undefined {
  const raw = str(args, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (/^\d+$/.test(raw) && n >= 1 && Number.isSafeInteger(n)) return n;
  throw fail(
    "BadValue",
    `--${name}`,
    "a whole number, 1 or more",
    example,
    raw === "" ? "nothing" : raw,
    `Give a count like the example, or leave --${name} out ${absent}.`,
  );
}
