import type { Role } from "./types";

/** Formatting for display. Calendar dates ("YYYY-MM-DD") are formatted in UTC so they never shift a day. */

const MONTH_YEAR = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" });
const DAY = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "2024-05-14" → "14 May 2024"; "2023-05" → "May 2023"; "2023" → "2023". */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return "";
  const parts = value.split("-").map(Number);
  const [year, month, day] = parts;
  if (year === undefined || Number.isNaN(year)) return value;
  if (month === undefined) return String(year);
  if (day === undefined) return MONTH_YEAR.format(Date.UTC(year, month - 1, 1));
  return DAY.format(Date.UTC(year, month - 1, day));
}

/** An ISO timestamp as a date and time in the given time zone. */
export function formatTimestamp(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
  } catch {
    return date.toLocaleString();
  }
}

/** An ISO timestamp as a calendar date in the given time zone. */
export function formatDateOf(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone }).format(date);
  } catch {
    return date.toLocaleDateString();
  }
}

/** Whole years between a date of birth and today. */
export function ageFrom(dateOfBirth: string, today = new Date()): number | null {
  const [y, m, d] = dateOfBirth.split("-").map(Number);
  if (!y || !m || !d) return null;
  let age = today.getFullYear() - y;
  const beforeBirthday = today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : null;
}

/** Today's calendar date in the browser's time zone, as "YYYY-MM-DD". */
export function todayIso(today = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

/** Days from today to a calendar date (negative when past). */
export function daysUntil(date: string, today = new Date()): number | null {
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m || !d) return null;
  const target = Date.UTC(y, m - 1, d);
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((target - start) / 86_400_000);
}

export function formatKm(km: number | null | undefined): string {
  if (km === null || km === undefined) return "";
  return `${Number.isInteger(km) ? km : km.toFixed(1)} km`;
}

export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`.trim();
}

/** All IANA time zones the browser knows, with `current` kept even if the browser does not list it. */
export function timeZoneOptions(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  const all = new Set(["UTC", ...zones]);
  if (current) all.add(current);
  return [...all].sort((a, b) => (a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b)));
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", therapist: "Therapist", assistant: "Assistant" };
