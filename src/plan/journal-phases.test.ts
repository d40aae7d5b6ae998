import { describe, expect, it } from "vitest";
import { planPayload, planToJournalPhases } from "./journal-phases.js";
import { planUpgrade } from "./plan-upgrade.js";

describe("planToJournalPhases", () => {
  it("lists phases hop by hop with ids that name the target series", () => {
    const phases = planToJournalPhases(
      planUpgrade({ tool: "kolla-ansible", from: "zed", to: "2024.1" }),
    );
    expect(phases.map((p) => p.id)).toEqual([
      "ka-2023.1-prepare",
      "ka-2023.1-prechecks",
      "ka-2023.1-upgrade",
      "ka-2023.1-verify",
      "ka-2024.1-prepare",
      "ka-2024.1-prechecks",
      "ka-2024.1-upgrade",
      "ka-2024.1-verify",
    ]);
    expect(phases[0]?.title).toBe("2022.2 → 2023.1: prepare");
  });

  it("makes a JSON-safe payload with the skipped series", () => {
    const payload = planPayload(planUpgrade({ tool: "kayobe", from: "2023.1", to: "2024.1" }));
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
    expect(payload.hops).toEqual([{ from: "2023.1", to: "2024.1", skipped: ["2023.2"] }]);
  });
});
