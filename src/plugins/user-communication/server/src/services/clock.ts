import { DateTime, type DurationLike } from 'luxon';

/**
 * The plugin's only source of time. Every expiry, reminder cycle and login stamp reads
 * `now()`, so tests move time (`set`, `advance`) instead of sleeping for 14 days.
 * Always UTC: the product's schedules ("the morning hours UTC") are defined in UTC.
 */
const clock = () => {
  let offsetMs = 0;
  let frozenAt: DateTime | null = null;

  return {
    now(): DateTime {
      if (frozenAt) return frozenAt;
      return DateTime.utc().plus({ milliseconds: offsetMs });
    },
    /** Pins time at one instant until `reset()`. */
    set(at: DateTime | Date | string): void {
      frozenAt = toDateTime(at);
    },
    /** Moves time forward (or back) relative to the current reading. */
    advance(duration: DurationLike): void {
      if (frozenAt) {
        frozenAt = frozenAt.plus(duration);
        return;
      }
      const target = DateTime.utc().plus({ milliseconds: offsetMs }).plus(duration);
      offsetMs = target.toMillis() - DateTime.utc().toMillis();
    },
    reset(): void {
      offsetMs = 0;
      frozenAt = null;
    },
  };
};

const toDateTime = (at: DateTime | Date | string): DateTime => {
  if (DateTime.isDateTime(at)) return at.toUTC();
  if (at instanceof Date) return DateTime.fromJSDate(at, { zone: 'utc' });
  const parsed = DateTime.fromISO(at, { zone: 'utc' });
  if (!parsed.isValid) throw new TypeError(`Invalid clock instant: ${at}`);
  return parsed;
};

export type Clock = ReturnType<typeof clock>;
export default clock;
