import type { AnsibleRecapRow } from "./types.js";

const COUNTS = ["ok", "changed", "unreachable", "failed", "skipped", "rescued", "ignored"] as const;

/**
 * Sums PLAY RECAP rows per host: kayobe and kolla-ansible can run several playbooks in one
 * command, each ending with its own recap. Keeps `maxHosts` hosts; later ones are counted.
 */
export class RecapTally {
  readonly byHost = new Map<string, AnsibleRecapRow>();
  dropped = 0;

  constructor(private readonly maxHosts: number) {}

  add(row: AnsibleRecapRow): void {
    const seen = this.byHost.get(row.host);
    if (seen) {
      for (const key of COUNTS) seen[key] += row[key];
      return;
    }
    if (this.byHost.size >= this.maxHosts) {
      this.dropped++;
      return;
    }
    this.byHost.set(row.host, { ...row });
  }

  rows(): AnsibleRecapRow[] {
    return [...this.byHost.values()];
  }
}
