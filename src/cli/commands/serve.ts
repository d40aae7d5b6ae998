import { startServer } from "../../server/index.js";
import type { Ctx } from "../context.js";
import { importExamplesIfEmpty } from "../examples.js";
import { type Args, bool, port, str } from "../spec.js";
import { openForRead } from "../store-access.js";

/** Serves the pages live from the store until Ctrl-C; open pages update as events arrive. */
export async function run(args: Args, ctx: Ctx): Promise<undefined> {
  const chosen = port(args, "stacklog serve --port 7300");
  const store = openForRead(ctx);
  try {
    if (!bool(args, "empty")) {
      for (const j of importExamplesIfEmpty(store))
        ctx.warn(
          `first start: imported the example journal "${j.title}" (stacklog export of a real lab run)`,
        );
    }
    const server = await startServer({
      reader: store,
      port: chosen,
      host: str(args, "host") ?? "127.0.0.1",
      public: bool(args, "public"),
      storePath: store.path,
      onError: (err) => ctx.warn(`serve: ${(err as Error).message}`),
    });
    ctx.stdout.write(
      ctx.json
        ? `${JSON.stringify({ url: server.url })}\n`
        : `stacklog serving ${ctx.home} at ${server.url}  (Ctrl-C to stop)\n`,
    );
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await server.close();
    return undefined;
  } finally {
    store.close();
  }
}
