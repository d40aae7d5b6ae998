import { spawn } from "node-pty";
import { afterEach, describe, expect, it, vi } from "vitest";
import { drainBeforeClose } from "./pty-drain.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("drainBeforeClose", () => {
  it("reads all the child wrote, and keys that arrive while the terminal closes are dropped, not written to a closed descriptor", async () => {
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    const child = spawn("/bin/sh", ["-c", "printf 'last words'"], { cols: 80, rows: 24 });
    const socket = (child as unknown as { _socket: { destroy(err?: Error): unknown } })._socket;
    // Keys typed at the moment the terminal's descriptor is being closed: stdin goes on flowing
    // after the child has exited.
    const close = socket.destroy.bind(socket);
    socket.destroy = (err?: Error) => {
      const r = close(err);
      child.write("keys typed late\r");
      return r;
    };
    let output = "";
    child.onData((d) => {
      output += d;
    });
    drainBeforeClose(
      child,
      (bytes) => {
        output += bytes.toString();
      },
      () => true,
      40,
    );
    await new Promise<void>((resolve) => child.onExit(() => resolve()));
    await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain("last words");
    expect(printed.mock.calls.map((c) => String(c[0]))).not.toContain("Unhandled pty write error");
  });
});
