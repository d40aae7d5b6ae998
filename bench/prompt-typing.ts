// Typing at a shell's prompt for bench/shell-overhead.ts: commands typed one after another,
// each once the prompt after the previous one is drawn (the prompt carries bash's command
// number), and the shell's own CPU from its `times`.
const PROMPT_NUMBER = /P(\d+)> /g;

export interface Output {
  text: string;
}

export interface Timing {
  /** Wall time per command, ms. */
  ms: number;
  /** CPU time of the shell itself per command (bash's `times`), µs. */
  shellCpuUs: number;
}

/** Types `command` (default `:`) n times, each once the previous one's next prompt is drawn. */
export async function typeCommands(
  n: number,
  write: (s: string) => void,
  output: Output,
  command = ":",
): Promise<Timing> {
  await until(() => lastPrompt(output.text) > 0);
  let k = lastPrompt(output.text);
  const cpu0 = await shellCpu(k, write, output);
  k++;
  output.text = "";
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const next = `P${k + 1}> `;
    write(`${command}\r`);
    await until(() => output.text.includes(next));
    k++;
    output.text = output.text.slice(-64);
  }
  const ms = (performance.now() - t0) / n;
  const cpu1 = await shellCpu(k, write, output);
  return { ms, shellCpuUs: ((cpu1 - cpu0) * 1000) / n };
}

/** The shell's own user + system CPU so far, in ms, from `times` typed at prompt number k. */
export async function shellCpu(
  k: number,
  write: (s: string) => void,
  output: Output,
): Promise<number> {
  output.text = "";
  write("times\r");
  await until(() => output.text.includes(`P${k + 1}> `));
  const m = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s/.exec(output.text);
  if (!m) throw new Error(`no \`times\` output in ${JSON.stringify(output.text)}`);
  const [, um, us, sm, ss] = m.map(Number) as number[];
  return ((um as number) * 60 + (us as number) + (sm as number) * 60 + (ss as number)) * 1000;
}

export function lastPrompt(text: string): number {
  let last = 0;
  for (const m of text.matchAll(PROMPT_NUMBER)) last = Number(m[1]);
  return last;
}

// Resolves as soon as `cond` holds, checking on every output event rather than on a timer;
// rejects after STALL_MS without it, so that a lost prompt fails the bench instead of hanging it.
const STALL_MS = 30_000;
let wake: (() => void) | null = null;
let lastOutput = "";
export function until(cond: () => boolean): Promise<void> {
  if (cond()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      wake = null;
      reject(
        new Error(
          `no progress for ${STALL_MS} ms; last output ${JSON.stringify(lastOutput.slice(-300))}`,
        ),
      );
    }, STALL_MS);
    wake = () => {
      if (cond()) {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
    };
  });
}
export function feed(output: Output, d: string): void {
  output.text += d;
  lastOutput = (lastOutput + d).slice(-600);
  wake?.();
}

// MB/s of `cat file` typed into the recorded shell, from Enter to the command's end mark.
export async function timeCat(
  file: string,
  bytes: number,
  write: (s: string) => void,
  output: Output,
): Promise<number> {
  await until(() => lastPrompt(output.text) > 0);
  output.text = "";
  const t0 = performance.now();
  write(`cat ${file}\r`);
  await until(() => output.text.includes(`\x1b]133;D;0\x07`));
  return bytes / 1048576 / ((performance.now() - t0) / 1000);
}
