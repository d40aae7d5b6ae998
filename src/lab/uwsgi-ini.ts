/** The uwsgi ini the lab derives at every start, beside the packaged one. */
export const LAB_INI = "/etc/keystone/keystone-uwsgi-lab.ini";
export const PACKAGED_INI = "/etc/keystone/keystone-uwsgi.ini";

/**
 * The packaged keystone-uwsgi.ini without AppArmor: `apparmor` dropped from `plugins` and the
 * `apparmor-profile` line removed. The packaged ini asks uwsgi to change into the `keystone`
 * AppArmor profile, which fails (aa_change_profile: Invalid argument) where AppArmor is not
 * active, as in a chroot. The packaged file stays untouched so dpkg can upgrade it.
 */
export function labUwsgiIni(packaged: string): string {
  const out: string[] = [];
  for (const line of packaged.split("\n")) {
    if (/^\s*apparmor-profile\s*=/.test(line)) continue;
    const plugins = /^(\s*plugins\s*=\s*)(.*)$/.exec(line);
    if (plugins) {
      const kept = (plugins[2] ?? "")
        .split(",")
        .map((p) => p.trim())
        .filter((p) => p !== "" && p !== "apparmor");
      if (kept.length > 0) out.push(`${plugins[1]}${kept.join(",")}`);
      continue;
    }
    out.push(line);
  }
  return out.join("\n");
}

/** Whether an ini makes uwsgi switch AppArmor profile. */
export function usesAppArmor(ini: string): boolean {
  return /^\s*apparmor-profile\s*=/m.test(ini) || /^\s*plugins\s*=.*\bapparmor\b/m.test(ini);
}

/** Whether uwsgi's log shows it died changing AppArmor profile. */
export function isAppArmorFailure(log: string): boolean {
  return /\[apparmor\]|aa_change_profile/.test(log);
}
