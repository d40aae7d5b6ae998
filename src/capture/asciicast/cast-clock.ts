/**
 * Turns epoch-ms times into the event time field of one format version.
 * v2 writes seconds since the start; v3 writes seconds since the previous event, rounded to whole
 * milliseconds with the rounding error carried into the next interval (error diffusion, as the
 * asciicast v3 spec advises) so that long recordings do not drift.
 * Times never run backwards: an event earlier than the previous one is written at the previous time
 * (commands from several terminals are shown one after the other).
 */
export class CastClock {
  private last = 0;
  private written = 0;

  constructor(
    private readonly version: 2 | 3,
    /** Epoch ms of the recording's time 0. */
    private readonly origin: number,
  ) {}

  /** The time field for an event at `at` (epoch ms). */
  stamp(at: number): number {
    const t = Math.max(this.last, at - this.origin);
    this.last = t;
    if (this.version === 2) return Math.round(t * 1000) / 1e6;
    const interval = Math.round(t - this.written);
    this.written += interval;
    return interval / 1000;
  }

  /** Epoch ms of the latest event stamped so far. */
  get now(): number {
    return this.origin + this.last;
  }
}
