import type { Role } from "./types";

import { DEFAULT_LOCALE, formatCalendarDate as calendarDate, formatInstant } from "../shared/dates";

/**
 * Formatting for display, in the practice's locale (Settings): every date the app shows goes
 * through these, which go through shared/dates.ts (Intl). Calendar dates ("YYYY-MM-DD") are
 * formatted in UTC so they never shift a day.
 */

let displayLocale: string = DEFAULT_LOCALE;

/** Set from the signed-in practice (session.tsx) before the pages render. */
export function setDisplayLocale(locale: string | null | undefined): void {
  displayLocale = locale || DEFAULT_LOCALE;
}

export function getDisplayLocale(): string {
  return displayLocale;
}

/** "2024-05-14" → "14 May 2024"; "2023-05" → "May 2023"; "2023" → "2023" (en-GB). */
export function formatCalendarDate(value: string | null | undefined, style: "medium" | "short" = "medium"): string {
  return calendarDate(value, displayLocale, style);
}

/** An ISO timestamp as a date and time in the given time zone. */
export function formatTimestamp(iso: string, timeZone?: string): string {
  return formatInstant(iso, "datetime", displayLocale, timeZone);
}

/** An ISO timestamp as a calendar date in the given time zone. */
export function formatDateOf(iso: string, timeZone?: string): string {
  return formatInstant(iso, "date", displayLocale, timeZone);
}

/** An ISO timestamp (or a Date) as a time of day, or a day and month, in the reader's time zone unless given. */
export function formatTimeOf(iso: string | Date, timeZone?: string): string {
  return formatInstant(iso, "time", displayLocale, timeZone);
}

export function formatDayMonth(iso: string | Date, timeZone?: string): string {
  return formatInstant(iso, "dayMonth", displayLocale, timeZone);
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
