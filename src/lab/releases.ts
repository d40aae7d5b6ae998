/** One Debian release of the lab and the OpenStack series it ships. */
export interface LabRelease {
  series: "victoria" | "zed" | "2025.1";
  codename: "bullseye" | "bookworm" | "trixie";
  debian: number;
}

/** Victoria (Debian 11) → Zed (Debian 12) → 2025.1 (Debian 13). */
export const RELEASES: readonly LabRelease[] = [
  { series: "victoria", codename: "bullseye", debian: 11 },
  { series: "zed", codename: "bookworm", debian: 12 },
  { series: "2025.1", codename: "trixie", debian: 13 },
];

/** The releases a lab run visits, from Victoria up to and including `to`. */
export function releasesUpTo(to: "zed" | "2025.1"): LabRelease[] {
  const end = RELEASES.findIndex((r) => r.series === to);
  return RELEASES.slice(0, end + 1);
}

/** A sources.list with the release's main, -updates and -security suites. */
export function sourcesList(codename: string, mirror: string, securityMirror: string): string {
  return [
    `deb ${mirror} ${codename} main`,
    `deb ${mirror} ${codename}-updates main`,
    `deb ${securityMirror} ${codename}-security main`,
    "",
  ].join("\n");
}
