import { cleanLine, createLineSplitter } from "./ansi-lines.js";
import { failureMessage } from "./failure-message.js";
import {
  parseAdHocLine,
  parseBanner,
  parseIncluded,
  parseProfileTiming,
  parseRecapRow,
  parseResultLine,
  type ResultLine,
} from "./line-kinds.js";
import { NoticeBook, parseNoticeStart } from "./notices.js";
import { type QuickResult, readQuickResult } from "./quick-result.js";
import { RecapTally } from "./recap-tally.js";
import { SummaryBuilder } from "./summary-builder.js";
import {
  type AnsibleCaps,
  type AnsibleFinding,
  type AnsibleSummary,
  DEFAULT_CAPS,
} from "./types.js";

/** A streaming reader of one command's output; feed chunks as they come, then `end`. */
export interface AnsibleParser {
  /** `atMs` (when the chunk arrived) times tasks when the output has no profile_tasks lines. */
  push(chunk: string, atMs?: number): void;
  end(atMs?: number): AnsibleSummary;
}

interface Detail {
  finding: AnsibleFinding | null;
  item: string | null;
  parts: string[];
  size: number;
}

// The body of a result that makes no finding is skipped unread, so one shared state serves.
const NO_DETAIL: Detail = Object.freeze({ finding: null, item: null, parts: [], size: 0 });

/**
 * Parses the default (and profile_tasks-augmented) stdout of ansible-playbook, kolla-ansible,
 * kayobe or openstack-ansible, colours and PTY line ends included, in bounded memory.
 */
export function createAnsibleParser(options: { caps?: Partial<AnsibleCaps> } = {}): AnsibleParser {
  const caps: AnsibleCaps = { ...DEFAULT_CAPS, ...options.caps };
  const builder = new SummaryBuilder(caps);
  const notices = new NoticeBook(caps.notices, caps.noticeChars);
  const recap = new RecapTally(caps.recapHosts);
  let line = 0;
  let at: number | undefined;
  let inRecap = false;
  let sawAnsible = false;
  let detail: Detail | null = null;
  let summary: AnsibleSummary | null = null;
  const quick: QuickResult = { status: "ok", host: "" };

  const closeDetail = (): void => {
    const open = detail;
    detail = null;
    if (!open?.finding) return;
    const text = failureMessage(open.parts.join("\n"), caps.messageChars);
    const said = open.item === null ? text : `(item=${open.item}) ${text}`;
    const before = open.finding.message;
    const joined = before ? `${before}; ${said}` : said;
    open.finding.message =
      joined.length <= caps.messageChars ? joined : `${joined.slice(0, caps.messageChars - 1)}…`;
  };

  const openDetail = (finding: AnsibleFinding | null, r: ResultLine): void => {
    detail = finding
      ? { finding, item: r.item, parts: [r.detail], size: r.detail.length }
      : NO_DETAIL;
  };

  const onResult = (r: ResultLine): void => {
    if (r.status === "failed" || r.status === "unreachable") {
      openDetail(builder.failure(r.host, r.status, line), r);
    } else {
      builder.result(r.host, r.status);
      openDetail(null, r);
    }
  };

  // A result whose body goes unread: a success or skip, or a failure past the findings cap.
  const quickResult = (r: QuickResult): boolean => {
    if (r.status === "failed" || r.status === "unreachable") {
      if (builder.keepsFailure(r.host)) return false;
      builder.failure(r.host, r.status, line);
    } else builder.result(r.host, r.status);
    detail = NO_DETAIL;
    return true;
  };

  const onBanner = (text: string): boolean => {
    const banner = parseBanner(text);
    if (!banner) return false;
    sawAnsible = true;
    inRecap = banner.kind === "recap";
    if (banner.kind === "play") builder.startPlay(banner.name, at);
    else if (banner.kind === "task" || banner.kind === "handler") {
      builder.startTask(banner.name, banner.kind === "handler", at);
    } else if (banner.kind === "recap") builder.startRecap(at);
    return true;
  };

  const isStructural = (text: string): boolean =>
    parseBanner(text) !== null ||
    parseResultLine(text) !== null ||
    parseNoticeStart(text) !== null ||
    text.startsWith("...ignoring") ||
    text.startsWith("included: ") ||
    parseProfileTiming(text) !== null;

  const dispatch = (text: string): void => {
    if (inRecap) {
      const row = parseRecapRow(text);
      if (row) {
        recap.add(row);
        return;
      }
    }
    const first = text.charCodeAt(0);
    if (first >= 97 && first <= 122) {
      const r = parseResultLine(text);
      if (r) {
        onResult(r);
        return;
      }
      const hosts = parseIncluded(text);
      if (hosts) for (const h of hosts) builder.result(h, "included");
      else adHoc(text);
      return;
    }
    if (first === 46 && text.startsWith("...ignoring")) {
      builder.ignoring();
      return;
    }
    const notice = parseNoticeStart(text);
    if (notice) {
      notices.start(notice.kind, notice.text);
      return;
    }
    if (first >= 65 && first <= 90 && onBanner(text)) return;
    const ms = parseProfileTiming(text);
    if (ms !== null) {
      builder.timing(ms);
      return;
    }
    adHoc(text);
  };

  // `ansible HOSTS -m MODULE` prints `host | STATUS => {...}` without plays.
  const adHoc = (text: string): void => {
    const r = text.indexOf(" | ") > 0 ? parseAdHocLine(text) : null;
    if (!r) return;
    sawAnsible = true;
    onResult(r);
  };

  const onLine = (src: string, start: number, end: number, hasCr: boolean): void => {
    line++;
    const first = start < end ? src.charCodeAt(start) : -1;
    if (detail) {
      if (first === 32 || first === 9) {
        if (detail.finding && detail.size < caps.detailChars) {
          detail.parts.push(src.slice(start, end));
          detail.size += end - start;
        }
        return;
      }
      if (first === 125 && (end - start === 1 || src.slice(start, end).trimEnd() === "}")) {
        if (detail.finding) detail.parts.push("}");
        closeDetail();
        return;
      }
      closeDetail();
    }
    // Most lines of a long run are one host's result, read here without a copy of the line.
    if (!hasCr && !inRecap && !notices.isOpen && readQuickResult(src, start, end, quick)) {
      if (quickResult(quick)) return;
    }
    const text = hasCr ? cleanLine(src.slice(start, end)) : src.slice(start, end);
    if (text.length === 0) {
      notices.close();
      inRecap = false;
      return;
    }
    if (notices.isOpen) {
      if (!isStructural(text)) {
        notices.continue(text);
        return;
      }
      notices.close();
    }
    dispatch(text);
  };

  const splitter = createLineSplitter(onLine, caps.lineChars, () => builder.truncated.longLines++);

  return {
    push(chunk, atMs) {
      if (summary) return;
      at = atMs;
      splitter.push(chunk);
    },
    end(atMs) {
      if (summary) return summary;
      at = atMs ?? at;
      splitter.end();
      closeDetail();
      notices.close();
      builder.finish(at);
      builder.reconcile(recap.byHost);
      summary = {
        plays: builder.plays,
        recap: recap.rows(),
        findings: builder.findings,
        warnings: notices.lists.warning,
        deprecations: notices.lists.deprecation,
        errors: notices.lists.error,
        isAnsible: sawAnsible,
        lines: line,
        truncated: {
          ...builder.truncated,
          notices: notices.dropped,
          results: builder.truncated.results + recap.dropped,
        },
      };
      return summary;
    },
  };
}
