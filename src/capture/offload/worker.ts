// The output worker: runs output processors off the main thread, so that the thread copying the
// command's bytes to the operator's terminal never waits for redaction or compression.
// Protocol: see protocol.ts. Loaded by host.ts; never imported.
import { parentPort } from "node:worker_threads";
import { createOutputProcessor, type OutputProcessor } from "./processor.js";
import type { ToHost, ToWorker } from "./protocol.js";

const port = parentPort;
if (!port) throw new Error("stacklog's output worker must run in a worker thread");

const open = new Map<number, OutputProcessor>();
const send = (msg: ToHost, transfer: ArrayBuffer[] = []): void => port.postMessage(msg, transfer);

port.on("message", (msg: ToWorker) => {
  switch (msg.op) {
    case "begin":
      open.set(
        msg.id,
        createOutputProcessor(msg.spec, (chunk) => {
          // A fresh buffer of its own (zlib output or a copy): safe to hand over without copying.
          const data = ownBuffer(chunk.data);
          send({ op: "chunk", id: msg.id, chunk: { ...chunk, data } }, [
            data.buffer as ArrayBuffer,
          ]);
        }),
      );
      return;
    case "data":
      open.get(msg.id)?.write(msg.bytes, msg.at);
      send({ op: "ack", id: msg.id, bytes: msg.bytes.byteLength });
      return;
    case "end": {
      const p = open.get(msg.id);
      open.delete(msg.id);
      const result = p
        ? p.end(msg.at)
        : {
            rawBytes: 0,
            bytes: 0,
            indexText: "",
            summary: null,
            tail: "",
            error: "unknown output",
          };
      send({ op: "ended", id: msg.id, result });
      return;
    }
    default:
      msg satisfies never;
  }
});

send({ op: "ready" });

/** The bytes in an ArrayBuffer of their own (transferring a view of a shared pool would break it). */
function ownBuffer(view: Uint8Array): Uint8Array {
  if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength) return view;
  const copy = new Uint8Array(new ArrayBuffer(view.byteLength));
  copy.set(view);
  return copy;
}
