import { describe, expect, it } from "vitest";
import { formatSse } from "./sse.js";

describe("formatSse", () => {
  it("splits data on newlines into several data fields", () => {
    expect(formatSse({ event: "event", data: "a\nb\r\nc" })).toBe(
      "event: event\ndata: a\ndata: b\ndata: c\n\n",
    );
  });

  it("refuses an event name or id with a newline", () => {
    expect(() => formatSse({ event: "x\ndata: evil", data: "" })).toThrow(/newline/);
    expect(() => formatSse({ id: "1\r2", data: "" })).toThrow(/newline/);
  });

  it("keeps JSON data on one line", () => {
    const text = formatSse({ data: JSON.stringify({ html: "<li>\n</li>" }) });
    expect(text.split("\n").filter((l) => l.startsWith("data:"))).toHaveLength(1);
  });
});
