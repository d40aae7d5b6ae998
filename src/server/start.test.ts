import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StacklogError } from "../errors/index.js";
import { type JournalStore, openStore } from "../journal/index.js";
import { isLoopback, startServer } from "./index.js";

let home: string;
let store: JournalStore;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-start-"));
  store = openStore({ home });
});

afterEach(() => {
  store.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe("startServer", () => {
  it("refuses a non-loopback host unless told the journals are public", async () => {
    const err = await startServer({ reader: store, host: "0.0.0.0", port: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(StacklogError);
    expect((err as StacklogError).code).toBe("PublicHostRefused");
  });

  it("says which port is taken and what to do", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const err = await startServer({ reader: store, port }).catch((e) => e);
      expect((err as StacklogError).code).toBe("PortInUse");
      expect((err as StacklogError).message).toContain(String(port));
      expect((err as StacklogError).details.hint).toContain("--port");
    } finally {
      blocker.close();
    }
  });

  it("serves the index on a loopback port", async () => {
    const server = await startServer({ reader: store, port: 0 });
    try {
      const res = await fetch(server.url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("<h1>Journeys</h1>");
    } finally {
      await server.close();
    }
  });
});

describe("isLoopback", () => {
  it("accepts 127.0.0.0/8, ::1 and localhost only", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"])
      expect(isLoopback(h)).toBe(true);
    for (const h of ["0.0.0.0", "10.0.0.1", "::", "example.org"]) expect(isLoopback(h)).toBe(false);
  });
});
