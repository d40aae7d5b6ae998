import { MIN_SECRET_LENGTH } from "./usable-value.js";

/**
 * The forms in which a value shows up in logs besides itself: URL-encoded (in connection
 * URLs), JSON-escaped (in Ansible results), quoted as YAML and the shell quote it, and base64 — standalone, and the part that does
 * not depend on its neighbours when the value sits inside a longer encoded string (such as
 * `user:password` in a Basic auth header), for each of the three byte alignments.
 */
export function variantsOf(value: string): string[] {
  const forms = new Set<string>([value]);
  forms.add(encodeURIComponent(value));
  forms.add(formEncode(value));
  // Python's quote/quote_plus, curl --data-urlencode and PHP encode ! ' ( ) * too
  forms.add(encodeAll(value));
  forms.add(encodeAll(value).replace(/%20/g, "+"));
  forms.add(JSON.stringify(value).slice(1, -1));
  // in a single-quoted YAML scalar (`'It''s'`) and a shell-escaped word (`It\'s`)
  forms.add(value.replaceAll("'", "''"));
  forms.add(value.replace(/[\\'"\s$`!&;|()<>]/g, "\\$&"));
  const bytes = Buffer.from(value, "utf8");
  forms.add(bytes.toString("base64").replace(/=+$/, ""));
  forms.add(bytes.toString("base64url"));
  for (let shift = 0; shift < 3; shift++) {
    const core = embeddedBase64(bytes, shift);
    if (core) forms.add(core);
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

function encodeAll(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, "+");
}

// Base64 of `shift` unknown bytes followed by the value: keep only the characters computed
// from the value's bytes alone. Each base64 character covers 6 bits, so the first character
// that is all-value starts at bit ceil(shift*8/6)*6, and the last complete one ends at the
// last whole 6-bit group inside the value.
function embeddedBase64(bytes: Buffer, shift: number): string | null {
  const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
  const text = padded.toString("base64");
  const first = Math.ceil((shift * 8) / 6);
  const last = Math.floor((padded.length * 8) / 6);
  const core = text.slice(first, last);
  return core.length >= MIN_SECRET_LENGTH ? core : null;
}
