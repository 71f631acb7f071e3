/**
 * Wall-clock time in an IANA time zone, with Intl only (no tz database of our own).
 * Used to put a check-in at "18:00 on day N after the session" where the client lives.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time an instant shows in a time zone. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Milliseconds the zone is ahead of UTC at an instant. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const w = wallTimeAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in a zone. A time skipped by a spring-forward gap moves
 * forward by the gap (02:30 → 03:30); a time repeated in autumn takes the first occurrence.
 */
export function instantOfWallTime(wall: Omit<WallTime, "second"> & { second?: number }, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  const before = zoneOffsetMs(new Date(asUtc - 86_400_000 / 2), timeZone);
  const after = zoneOffsetMs(new Date(asUtc + 86_400_000 / 2), timeZone);
  // Try the earlier offset first (first occurrence of a repeated hour), then the later one.
  for (const offset of before >= after ? [before, after] : [after, before]) {
    const candidate = new Date(asUtc - offset);
    if (zoneOffsetMs(candidate, timeZone) === offset) return candidate;
  }
  // In a gap neither offset round-trips: use the offset before the change, which lands after the gap.
  return new Date(asUtc - before);
}

/** The instant at `hour`:00 local time, `days` calendar days after the local date of `from`. */
export function localHourDaysAfter(from: Date, days: number, hour: number, timeZone: string): Date {
  const start = wallTimeAt(from, timeZone);
  const date = new Date(Date.UTC(start.year, start.month - 1, start.day + days));
  return instantOfWallTime(
    { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute: 0 },
    timeZone,
  );
}

/** True when the zone name is one Intl knows. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}
