/** An oslo.config INI file: section → key → every value given (repeated keys are kept). */
export interface IniFile {
  sections: Record<string, Record<string, string[]>>;
  /** Sections that appeared more than once; their keys were merged. */
  duplicateSections: string[];
  /** Lines that are neither a section, a key, a comment nor a continuation (1-based). */
  badLines: number[];
}

const SECTION = /^\[([^\]]+)\]$/;
const KEY_VALUE = /^([^=:\s][^=:]*?)\s*[=:]\s?(.*)$/;

interface ParseState {
  out: IniFile;
  seen: Set<string>;
  section: string;
  /** The values of the key last set, for continuation lines. */
  last: string[] | null;
}

/**
 * Parses INI as oslo.config does: `#`/`;` comments, `key = value` or `key: value`, indented
 * lines continue the previous value, keys before any section go to DEFAULT.
 */
export function parseOsloIni(text: string): IniFile {
  const state: ParseState = {
    out: { sections: {}, duplicateSections: [], badLines: [] },
    seen: new Set(),
    section: "DEFAULT",
    last: null,
  };
  text.split(/\r?\n/).forEach((line, i) => {
    parseLine(state, line, i + 1);
  });
  return state.out;
}

function parseLine(state: ParseState, line: string, lineNo: number): void {
  if (/^\s*([#;].*)?$/.test(line)) {
    state.last = null;
    return;
  }
  if (/^\s/.test(line) && state.last) {
    const i = state.last.length - 1;
    state.last[i] = `${state.last[i]}\n${line.trim()}`;
    return;
  }
  const head = SECTION.exec(line.trim());
  const kv = KEY_VALUE.exec(line.trim());
  if (head?.[1]) openSection(state, head[1].trim());
  else if (kv?.[1]) addValue(state, kv[1], (kv[2] ?? "").trim());
  else state.out.badLines.push(lineNo);
}

function openSection(state: ParseState, name: string): void {
  const { out } = state;
  if (state.seen.has(name) && !out.duplicateSections.includes(name))
    out.duplicateSections.push(name);
  state.seen.add(name);
  out.sections[name] = out.sections[name] ?? {};
  state.section = name;
  state.last = null;
}

function addValue(state: ParseState, key: string, value: string): void {
  const keys = state.out.sections[state.section] ?? {};
  state.out.sections[state.section] = keys;
  const values = keys[key] ?? [];
  keys[key] = values;
  values.push(value);
  state.last = values;
}
