import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./ports.js";

const SSHD = "/usr/sbin/sshd";

/**
 * Debian's OpenSSH server on a free port of 127.0.0.1, for this test run only: its own host key,
 * one client key allowed to log in as the user running the tests, no PAM, nothing in /etc
 * changed. (scripts/install-system-deps.sh installs openssh-server without starting the system's
 * daemon.)
 */
export interface Sshd {
  port: number;
  /** The ssh client's arguments up to the destination: `ssh ...args USER@127.0.0.1 CMD`. */
  clientArgs: string[];
  destination: string;
  stop(): void;
}

export async function startSshd(dir: string): Promise<Sshd> {
  if (!existsSync(SSHD))
    throw new Error(
      `${SSHD} is missing: install Debian's openssh-server (bash scripts/install-system-deps.sh)`,
    );
  const keygen = (name: string) => {
    const r = spawnSync("ssh-keygen", [
      "-q",
      "-t",
      "ed25519",
      "-N",
      "",
      "-f",
      path.join(dir, name),
    ]);
    if (r.error || r.status !== 0)
      throw new Error(
        `ssh-keygen failed (${r.error?.message ?? r.stderr}): install Debian's openssh-client`,
      );
  };
  keygen("host_key");
  keygen("client_key");
  copyFileSync(path.join(dir, "client_key.pub"), path.join(dir, "authorized_keys"));
  // sshd run by root wants its privilege separation folder, which the package's service makes.
  if (process.getuid?.() === 0) mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  const user = os.userInfo().username;
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const config = path.join(dir, "sshd_config");
    writeFileSync(
      config,
      [
        `Port ${port}`,
        "ListenAddress 127.0.0.1",
        `HostKey ${path.join(dir, "host_key")}`,
        `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
        "PidFile none",
        "UsePAM no",
        "StrictModes no",
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        `AllowUsers ${user}`,
        "",
      ].join("\n"),
    );
    const child = spawn(SSHD, ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
    const log = await listening(child);
    if (log === null) {
      return {
        port,
        destination: `${user}@127.0.0.1`,
        clientArgs: [
          ...["-p", String(port), "-i", path.join(dir, "client_key")],
          ...["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"],
          ...["-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-F", "/dev/null"],
        ],
        stop: () => child.kill("SIGTERM"),
      };
    }
    if (!/Address already in use/.test(log) || attempt >= 3)
      throw new Error(`sshd did not start: ${log.trim()}`);
  }
}

/** null once sshd listens; its log when it exits first. */
function listening(child: ChildProcess): Promise<string | null> {
  return new Promise((resolve) => {
    let log = "";
    const timer = setTimeout(() => resolve(`no "Server listening" within 10 s: ${log}`), 10_000);
    child.stderr?.on("data", (d: Buffer) => {
      log += d.toString();
      if (log.includes("Server listening")) {
        clearTimeout(timer);
        resolve(null);
      }
    });
    child.on("exit", () => {
      clearTimeout(timer);
      resolve(log || "sshd exited");
    });
  });
}
