import { describe, expect, it } from "vitest";
import { createCaptureTap } from "./run-tap.js";
import type { StreamRedactor } from "./run-types.js";

const noTimer = () => () => {};
const passThrough = (): StreamRedactor => ({ push: (s) => s, flush: () => "" });

describe("createCaptureTap", () => {
  it("decodes multi-byte characters split across reads", () => {
    const got: string[] = [];
    const tap = createCaptureTap({
      redact: passThrough,
      sink: { output: (s) => got.push(s) },
      now: () => 0,
      startedAt: 0,
      schedule: noTimer,
    });
    const bytes = Buffer.from("é✓𝄞 done\n");
    for (let i = 0; i < bytes.length; i++) tap.write(bytes.subarray(i, i + 1));
    tap.end();
    expect(got.join("")).toBe("é✓𝄞 done\n");
    expect(tap.bytes).toBe(bytes.length);
  });

  it("passes text through the redactor and flushes what it held back at the end", () => {
    const got: string[] = [];
    const held: StreamRedactor = (() => {
      let buf = "";
      return {
        push: (s) => {
          buf += s;
          const cut = buf.lastIndexOf("\n") + 1;
          const out = buf.slice(0, cut).replaceAll("s3cret", "***");
          buf = buf.slice(cut);
          return out;
        },
        flush: () => buf.replaceAll("s3cret", "***"),
      };
    })();
    const tap = createCaptureTap({
      redact: () => held,
      sink: { output: (s) => got.push(s) },
      now: () => 0,
      startedAt: 0,
      schedule: noTimer,
    });
    tap.write(Buffer.from("pw=s3c"));
    tap.write(Buffer.from("ret\nlast s3cret"));
    tap.end();
    expect(got.join("")).toBe("pw=***\nlast ***");
  });

  it("stops calling a sink that threw and reports why, still counting bytes", () => {
    let calls = 0;
    const tap = createCaptureTap({
      redact: passThrough,
      sink: {
        output: () => {
          calls++;
          throw new Error("disk full");
        },
      },
      now: () => 0,
      startedAt: 0,
      schedule: noTimer,
    });
    tap.write(Buffer.alloc(70 * 1024, 0x61));
    tap.write(Buffer.alloc(70 * 1024, 0x61));
    tap.end();
    expect(calls).toBe(1);
    expect(tap.error).toBe("disk full");
    expect(tap.bytes).toBe(140 * 1024);
  });

  it("reports a redactor that cannot be built instead of throwing", () => {
    const tap = createCaptureTap({
      redact: () => {
        throw new Error("passwords.yml unreadable");
      },
      sink: { output: () => {} },
      now: () => 0,
      startedAt: 0,
      schedule: noTimer,
    });
    tap.write(Buffer.from("x"));
    tap.end();
    expect(tap.error).toBe("passwords.yml unreadable");
  });
});
