import type { ErrorDetails } from "./catalogue.js";

/**
 * The catalogue's errors about what stacklog works with rather than its store: deployment
 * configuration, upgrade plans and release data, clouds, terminals and shells, the lab.
 */
export const environment = {
  DeployConfigNotFound: (dir: string) => ({
    title: "No deployment configuration",
    message: `${dir} holds no kolla-ansible (globals.yml, passwords.yml), Kayobe (etc/kayobe) or OpenStack-Ansible (openstack_user_config.yml) configuration.`,
    hint: "Point at the config folder itself (/etc/kolla, etc/kayobe, /etc/openstack_deploy), or name the tool with --tool.",
    exitCode: 3,
  }),
  DeployConfigUnreadable: (dir: string, detail: string) => ({
    title: "Deployment configuration unreadable",
    message: `No file of the configuration in ${dir} could be read (${detail}).`,
    hint: "Check the files' permissions and that they are text; the first reason is shown above.",
    exitCode: 5,
  }),
  UnknownSeries: (input: string, known: string) => ({
    title: "Unknown release series",
    message: `"${input}" is not an OpenStack series stacklog knows (${known}).`,
    hint: "Name a series (zed, antelope), its number (2023.1) or a tool version with --tool (kolla-ansible 16.x).",
    exitCode: 2,
  }),
  UnknownPlanTool: (tool: string) => ({
    title: "No procedures for this tool",
    message: `stacklog plans upgrades for kolla-ansible, kayobe and openstack-ansible, not "${tool}".`,
    hint: "Pass --tool kolla-ansible, kayobe or openstack-ansible.",
    exitCode: 2,
  }),
  UpgradeSameSeries: (series: string) => ({
    title: "Nothing to upgrade",
    message: `The deployment is already on ${series}.`,
    hint: "For point releases within a series, update the tool and redeploy; name a later series to plan a major upgrade.",
    exitCode: 2,
  }),
  DowngradeRefused: (from: string, to: string) => ({
    title: "Downgrade refused",
    message: `${to} is older than ${from}; OpenStack database migrations only go forward.`,
    hint: "Restore the pre-upgrade backups to go back, or name a later target series.",
    exitCode: 2,
  }),
  ToolNeverReaches: (tool: string, series: string, newest: string) => ({
    title: "No tool release for that series",
    message: `${tool} has no release for ${series} in stacklog's tables (newest known: ${newest}).`,
    hint: "Pick a series the tool has released, or refresh the tables from openstack/releases (refreshFromReleasesRepo).",
    exitCode: 2,
  }),
  ReleasesRepoUnreadable: (path: string, detail: string) => ({
    title: "Not an openstack/releases checkout",
    message: `${path} cannot be read as openstack/releases (${detail}).`,
    hint: "Point at a clone of https://opendev.org/openstack/releases (it holds data/series_status.yaml and deliverables/).",
    exitCode: 5,
  }),
  CloudNotFound: (cloud: string, searched: string) => ({
    title: "Unknown cloud",
    message: `No cloud named "${cloud}" in ${searched}.`,
    hint: "Check the name under `clouds:` in clouds.yaml, or unset OS_CLOUD and use OS_AUTH_URL and friends.",
    exitCode: 3,
  }),
  CloudConfigMissing: (searched: string) => ({
    title: "No cloud configured",
    message: `No cloud was named (--cloud, OS_CLOUD) and OS_AUTH_URL is not set; looked for clouds.yaml in ${searched}.`,
    hint: "Pass --cloud NAME from clouds.yaml, set OS_CLOUD, or source an openrc file (OS_AUTH_URL, OS_USERNAME, ...).",
    exitCode: 2,
  }),
  CloudConfigIncomplete: (cloud: string, missing: string) => ({
    title: "Cloud configuration incomplete",
    message: `The configuration of ${cloud} has no ${missing}.`,
    hint: "Add it to clouds.yaml (secrets may go in secure.yaml) or set the matching OS_* variable.",
    exitCode: 2,
  }),
  CloudAuthFailed: (cloud: string, authUrl: string, detail: string) => ({
    title: "Cloud authentication failed",
    message: `Keystone at ${authUrl} refused the credentials of ${cloud} (${detail}).`,
    hint: "Check the user name, password or application credential, and the user and project domains; `openstack token issue` with the same settings should fail the same way.",
    exitCode: 5,
  }),
  CloudTokenInvalid: (cloud: string, authUrl: string, detail: string) => ({
    title: "Cloud token expired or invalid",
    message: `Keystone at ${authUrl} did not accept the token of ${cloud} (${detail}).`,
    hint: "Tokens expire (one hour by default) and are revoked on logout: get a new one with `openstack token issue`, or authenticate with a password or application credential.",
    exitCode: 5,
  }),
  CloudUnreachable: (cloud: string, authUrl: string, detail: string) => ({
    title: "Keystone unreachable",
    message: `Could not reach Keystone of ${cloud} at ${authUrl} (${detail}).`,
    hint: "Check the auth URL, the network path (VPN, proxy) and, for TLS errors, the CA bundle (cacert / OS_CACERT).",
    exitCode: 1,
  }),
  NestedShell: () => ({
    title: "Already recording",
    message:
      "This shell is already recorded by `stacklog shell`; a second recorder inside it would store every command twice.",
    hint: "Keep working here (every command is recorded), or `exit` first. After `exec bash` (or zsh) the shell is the same process but no longer splits commands: `exit` it and start `stacklog shell` again.",
    exitCode: 2,
  }),
  NotRecording: (verb: string) => ({
    title: "Not in a recorded shell",
    message: `\`stacklog ${verb}\` works inside \`stacklog shell\`, and this shell is not recorded.`,
    hint: "Start one with `stacklog shell`.",
    exitCode: 2,
  }),
  HookCannotPause: (verb: string) => ({
    title: "Hook mode cannot pause",
    message: `This shell is recorded by \`stacklog hook\`, whose shell code appends each command's line as it ends; \`stacklog ${verb}\` works inside \`stacklog shell\` only.`,
    hint: "Start a command line with a space to keep its text out of the record, or open a new shell without the hook's eval for a while.",
    exitCode: 2,
  }),
  PtyUnavailable: (reason: string) => ({
    title: "No pseudo-terminal",
    message: `A pseudo-terminal for the shell could not be opened (${reason}): the system has none free, or /dev/ptmx or /dev/pts is not usable here.`,
    hint: 'Check that /dev/pts is mounted and `sysctl kernel.pty.max`; meanwhile `eval "$(stacklog hook bash)"` records commands without a terminal of its own, and `stacklog run -- CMD` falls back to pipes.',
    exitCode: 1,
  }),
  UnsupportedShell: (shell: string) => ({
    title: "Unsupported shell",
    message: `${shell} is not bash or zsh, the shells stacklog can record command by command.`,
    hint: "Use --shell /bin/bash (or zsh), or record single commands with `stacklog run -- CMD`.",
    exitCode: 2,
  }),
  /** The lab's own checks and steps (root, disk, archive, a failed step) say their own words. */
  LabProblem: (title: string, message: string, hint: string, exitCode: number) => ({
    title,
    message,
    hint,
    exitCode,
  }),
} satisfies Record<string, (...args: never[]) => ErrorDetails>;
