import { describe, expect, it } from "vitest";
import { CastClock } from "./cast-clock.js";

describe("CastClock", () => {
  it("writes v2 times as seconds since the origin", () => {
    const clock = new CastClock(2, 1_000_000);
    expect([1_000_000, 1_000_250, 1_061_500].map((t) => clock.stamp(t))).toEqual([0, 0.25, 61.5]);
  });

  it("writes v3 times as whole-millisecond intervals since the previous event", () => {
    const clock = new CastClock(3, 5000);
    expect([5000, 5250, 5250, 7000].map((t) => clock.stamp(t))).toEqual([0, 0.25, 0, 1.75]);
  });

  it("carries v3 rounding error forward so the sum of intervals does not drift", () => {
    const clock = new CastClock(3, 0);
    let sum = 0;
    let worst = 0;
    for (let i = 1; i <= 10_000; i++) {
      const ms = clock.stamp(i * 0.4) * 1000;
      expect(Number.isInteger(Math.round(ms * 1e6) / 1e6)).toBe(true);
      sum += Math.round(ms);
      worst = Math.max(worst, Math.abs(sum - i * 0.4));
    }
    expect(worst).toBeLessThanOrEqual(0.5);
    expect(sum).toBe(4000);
  });

  it("never lets time run backwards", () => {
    const v2 = new CastClock(2, 0);
    expect([3000, 1000, 4000].map((t) => v2.stamp(t))).toEqual([3, 3, 4]);
    const v3 = new CastClock(3, 0);
    expect([3000, 1000, 4000].map((t) => v3.stamp(t))).toEqual([3, 0, 1]);
    expect(v3.now).toBe(4000);
  });
});
