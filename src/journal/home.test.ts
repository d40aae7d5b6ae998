import { describe, expect, it } from "vitest";
import { resolveHome } from "./index.js";

describe("resolveHome", () => {
  it.each([
    [{ STACKLOG_HOME: "/srv/sl", XDG_DATA_HOME: "/x" }, "/srv/sl"],
    [{ XDG_DATA_HOME: "/data" }, "/data/stacklog"],
    [{ STACKLOG_HOME: "", XDG_DATA_HOME: "" }, "/home/ana/.local/share/stacklog"],
    [{}, "/home/ana/.local/share/stacklog"],
  ])("picks the store folder from %j", (env, home) => {
    expect(resolveHome(env, "/home/ana")).toBe(home);
  });
});
