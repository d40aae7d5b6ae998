const ANSIBLE_TOOLS = new Set([
  "ansible",
  "ansible-playbook",
  "ansible-pull",
  "kolla-ansible",
  "kayobe",
  "openstack-ansible",
]);

// Words that run the next word as the command: `sudo -E kolla-ansible`, `time kayobe`.
const WRAPPERS = new Set([
  "sudo",
  "env",
  "time",
  "nohup",
  "nice",
  "ionice",
  "exec",
  "command",
  "stdbuf",
  "unbuffer",
]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * Whether a command line runs a tool whose output is Ansible's (ansible-playbook, ansible,
 * kolla-ansible, kayobe, openstack-ansible), looking at each command of a pipeline or list
 * past env assignments, wrappers like sudo/time, paths and virtualenvs.
 */
export function looksLikeAnsible(commandLine: string): boolean {
  return commandLine
    .split(/\|\||&&|[|;&\n]/)
    .some((part) => isAnsibleTool(commandWord(words(part))));
}

function words(part: string): string[] {
  return part
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/^["']|["']$/g, ""))
    .filter((w) => w.length > 0 && w !== "(" && w !== "{");
}

function commandWord(argv: string[]): string | null {
  let i = 0;
  while (i < argv.length) {
    const word = argv[i] as string;
    if (ASSIGNMENT.test(word)) i++;
    else if (WRAPPERS.has(basename(word))) i = skipOptions(argv, i + 1);
    else if (/^python[0-9.]*$/.test(basename(word)) && argv[i + 1] === "-m")
      return argv[i + 2] ?? null;
    else return word;
  }
  return null;
}

// Wrapper options like `sudo -u kolla` take a value; skip flags and the value after -u/-g/-n.
function skipOptions(argv: string[], from: number): number {
  let i = from;
  while (i < argv.length && (argv[i] as string).startsWith("-")) {
    i += /^-[ugnCcp]$/.test(argv[i] as string) ? 2 : 1;
  }
  return i;
}

function isAnsibleTool(word: string | null): boolean {
  return word !== null && ANSIBLE_TOOLS.has(basename(word));
}

function basename(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? path : path.slice(slash + 1);
}
