import { describe, expect, it } from "vitest";
import { noteArgs, noteId } from "./recorder.js";

describe("lab recorder", () => {
  it("links a fix note to its problem by event id", () => {
    expect(noteArgs("fix", "pinned", "01ABC")).toEqual([
      "note",
      "--json",
      "--fix",
      "01ABC",
      "-m",
      "pinned",
    ]);
    expect(noteArgs("problem", "404")).toEqual(["note", "--json", "--problem", "-m", "404"]);
  });

  it("reads the stored event's id from note --json output", () => {
    expect(noteId(JSON.stringify({ journalId: "J", events: [{ id: "01EVT" }] }))).toBe("01EVT");
    expect(() => noteId("{}")).toThrow(/no event id/);
  });
});
