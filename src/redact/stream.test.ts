import { describe, expect, it } from "vitest";
import { createRedactor, type KnownSecret } from "./index.js";
import { plantedSecrets } from "./test-corpus.js";

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

function streamed(r: ReturnType<typeof createRedactor>, chunks: string[]): string {
  const s = r.stream();
  return chunks.map((c) => s.push(c)).join("") + s.flush();
}

function randomChunks(text: string, rand: () => number, max: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(rand() * max);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

const corpus = plantedSecrets();
const known: KnownSecret[] = corpus.planted
  .filter((v) => !v.includes("\n"))
  .map((value, i) => ({ value, label: `planted:${i}` }));
const redactor = createRedactor(known);
const text = [
  ...corpus.contexts.map((c) => c.line),
  ...corpus.lookalikes,
  ...corpus.planted,
  corpus.planted.join(" "),
  corpus.planted.join(""),
].join("\n");

describe("stream", () => {
  it("gives the same output as redact for random chunkings of planted text", () => {
    const whole = redactor.redact(text);
    const rand = rng(7);
    for (let round = 0; round < 30; round++) {
      const max = [1, 3, 17, 200, 5000][round % 5] as number;
      expect(streamed(redactor, randomChunks(text, rand, max))).toBe(whole);
    }
  });

  it("catches every planted value however the stream is cut", () => {
    const rand = rng(11);
    for (let round = 0; round < 10; round++) {
      const out = streamed(redactor, randomChunks(text, rand, 1 + round * 7));
      for (const v of corpus.planted) expect(out.includes(v), v).toBe(false);
    }
  });

  it("catches a secret split across two chunks, one character at a time", () => {
    const s: KnownSecret = {
      value: "Zq8RtY2uVb7XwN4m",
      label: "passwords.yml:nova_database_password",
    };
    const r = createRedactor([s]);
    const line = `nova password is ${s.value}, really`;
    for (let cut = 1; cut < line.length; cut++) {
      expect(streamed(r, [line.slice(0, cut), line.slice(cut)])).toBe(
        "nova password is [REDACTED passwords.yml:nova_database_password], really",
      );
    }
  });

  it("holds back only a bounded tail of a long stream without newlines", () => {
    const s = createRedactor(known).stream();
    const rand = rng(3);
    const words = ["ok ", "changed ", "key ", "nova-api ", "x=1 ", "://h ", "== ", "token "];
    let pushed = 0;
    let emitted = 0;
    for (let i = 0; i < 150; i++) {
      let chunk = "";
      while (chunk.length < 16 * 1024) chunk += words[Math.floor(rand() * words.length)];
      pushed += chunk.length;
      emitted += s.push(chunk).length;
      expect(pushed - emitted).toBeLessThan(40 * 1024);
    }
    emitted += s.flush().length;
    expect(emitted).toBe(pushed);
  });

  it("emits all of a push but a tail no longer than the longest searched string", () => {
    const s = createRedactor(known).stream();
    const input = "TASK [common : Ensure fluentd image is present] ****\n".repeat(50);
    const out = s.push(input);
    // The longest searched string here is the base64 form of a 182-character Fernet token.
    expect(out.length).toBeGreaterThanOrEqual(input.length - 260);
    expect(out + s.flush()).toBe(input);
  });

  it("waits for the footer of a private key split over many chunks", () => {
    const key = (corpus.contexts.find((c) => c.kind === "kolla-nested" && c.value.includes("BEGIN"))
      ?.value ?? "") as string;
    const r = createRedactor([]);
    const input = `before\n${key}\nafter\n`;
    const out = streamed(r, randomChunks(input, rng(5), 9));
    expect(out).toBe("before\n[REDACTED private-key]\nafter\n");
  });
});

describe("a stream whose output pauses (settle)", () => {
  const pw = "Settle-Known-Pw-8842";
  const r = createRedactor([{ value: pw, label: "passwords.yml:db" }]);

  it("gives back held lines at once, and searches what comes later as before", () => {
    const s = r.stream();
    const first = s.push("TASK [nova : Ensure config] ***\nok: [controller01]\n");
    expect(first + (s.settle?.() ?? "")).toBe(
      "TASK [nova : Ensure config] ***\nok: [controller01]\n",
    );
    expect(s.settle?.()).toBe("");
    const later =
      s.push(`db password is ${pw.slice(0, 7)}`) + s.push(`${pw.slice(7)}\n`) + s.flush();
    expect(later).toBe("db password is [REDACTED passwords.yml:db]\n");
  });

  it("gives back nothing of a line not yet ended, nor of a known value cut in two", () => {
    const s = r.stream();
    const out = [
      s.push(`echo ${pw.slice(0, 9)}`),
      s.settle?.() ?? "",
      s.push(`${pw.slice(9)}\n`),
      s.flush(),
    ];
    expect(out[1]).toBe("");
    expect(out.join("")).toBe("echo [REDACTED passwords.yml:db]\n");
  });

  it("holds a private key whose footer has not come yet, then hides all of it", () => {
    const key =
      "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n";
    const s = r.stream();
    const held = s.push(key) + (s.settle?.() ?? "");
    expect(held).not.toContain("MIIBOgIBAAJBAKj34");
    const rest =
      s.push("KUXh4mmRDd4WeRC1f9YFAfQ1Wvwq1FqFC5lbNiI=\n-----END RSA PRIVATE KEY-----\n") +
      s.flush();
    expect(held + rest).toBe("[REDACTED private-key]\n");
  });

  it("hides the same as without pauses, wherever the output pauses after a line", () => {
    const multi = createRedactor([
      ...known,
      { value: "line-one-secret\nline-two-secret", label: "f:k" },
    ]);
    const lines = `${text}\nline-one-secret\nline-two-secret\n`.split(/(?<=\n)/);
    const whole = streamed(multi, lines);
    const s = multi.stream();
    const paused = lines.map((l) => s.push(l) + (s.settle?.() ?? "")).join("") + s.flush();
    expect(paused).toBe(whole);
    for (const v of corpus.planted) expect(paused).not.toContain(v);
  });
});
