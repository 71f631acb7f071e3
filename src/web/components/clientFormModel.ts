import type { FieldErrors } from "../api";
import type { Client, ClientInput, SelfCareEffect, SelfCareMethod, Side } from "../types";

/** What the client form edits: every input as the string the browser gives us. */
export interface InjuryRow {
  key: string;
  description: string;
  region: string;
  side: "" | Side;
  occurredOn: string;
  resolved: boolean;
  notes: string;
}

export interface SelfCareRow {
  key: string;
  method: SelfCareMethod;
  detail: string;
  effect: SelfCareEffect;
  notes: string;
}

export interface ClientFormState {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  timeZone: string;
  /** The client's own locale for e-mails and link pages; "" follows the practice's. */
  locale: string;
  notes: string;
  yearsRunning: string;
  weeklyKm: string;
  goalName: string;
  goalDate: string;
  goalDistanceKm: string;
  injuries: InjuryRow[];
  selfCare: SelfCareRow[];
}

export type TextKey = Exclude<keyof ClientFormState, "injuries" | "selfCare">;

let rowCounter = 0;
/** A stable React key for a row that has no server id yet. */
export function newRowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}`;
}

export function emptyInjury(): InjuryRow {
  return { key: newRowKey(), description: "", region: "", side: "", occurredOn: "", resolved: false, notes: "" };
}

export function emptySelfCare(): SelfCareRow {
  return { key: newRowKey(), method: "rolling", detail: "", effect: "unsure", notes: "" };
}

export function emptyClientForm(timeZone: string): ClientFormState {
  return {
    firstName: "",
    lastName: "",
    email: "",
    phone: "",
    dateOfBirth: "",
    timeZone,
    locale: "",
    notes: "",
    yearsRunning: "",
    weeklyKm: "",
    goalName: "",
    goalDate: "",
    goalDistanceKm: "",
    injuries: [],
    selfCare: [],
  };
}

const numberText = (value: number | null): string => (value === null ? "" : String(value));

export function clientToForm(client: Client): ClientFormState {
  const goal = client.running.goalEvent;
  return {
    firstName: client.firstName,
    lastName: client.lastName,
    email: client.email ?? "",
    phone: client.phone ?? "",
    dateOfBirth: client.dateOfBirth ?? "",
    timeZone: client.timeZone,
    locale: client.locale ?? "",
    notes: client.notes ?? "",
    yearsRunning: numberText(client.running.yearsRunning),
    weeklyKm: numberText(client.running.weeklyKm),
    goalName: goal?.name ?? "",
    goalDate: goal?.date ?? "",
    goalDistanceKm: goal ? numberText(goal.distanceKm) : "",
    injuries: client.injuries.map((injury) => ({
      key: injury.id,
      description: injury.description,
      region: injury.region ?? "",
      side: injury.side ?? "",
      occurredOn: injury.occurredOn ?? "",
      resolved: injury.resolved,
      notes: injury.notes ?? "",
    })),
    selfCare: client.selfCare.map((item) => ({
      key: item.id,
      method: item.method,
      detail: item.detail ?? "",
      effect: item.effect,
      notes: item.notes ?? "",
    })),
  };
}

const orNull = (value: string): string | null => (value.trim() ? value.trim() : null);
const toNumber = (value: string): number | null => (value.trim() ? Number(value) : null);
const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** Checks the browser can catch before the server does; paths match the server's field paths. */
export function validateClientForm(form: ClientFormState): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.firstName.trim()) errors.firstName = "Enter a first name.";
  if (!form.lastName.trim()) errors.lastName = "Enter a last name.";
  const numbers: [string, string][] = [
    ["running.yearsRunning", form.yearsRunning],
    ["running.weeklyKm", form.weeklyKm],
    ["running.goalEvent.distanceKm", form.goalDistanceKm],
  ];
  for (const [path, value] of numbers) {
    const parsed = toNumber(value);
    if (parsed !== null && (!Number.isFinite(parsed) || parsed < 0)) errors[path] = "Enter a number of 0 or more.";
  }
  if (!form.goalName.trim() && (form.goalDate || form.goalDistanceKm.trim())) {
    errors["running.goalEvent.name"] = "Name the goal event, or clear its date and distance.";
  }
  form.injuries.forEach((injury, index) => {
    if (!injury.description.trim()) errors[`injuries.${index}.description`] = "Describe the injury, or remove this row.";
    if (injury.occurredOn.trim() && !PARTIAL_DATE.test(injury.occurredOn.trim())) {
      errors[`injuries.${index}.occurredOn`] = "Use a year (2023), a month (2023-05) or a date (2023-05-14).";
    }
  });
  return errors;
}

export function formToInput(form: ClientFormState): ClientInput {
  const goalName = form.goalName.trim();
  return {
    firstName: form.firstName.trim(),
    lastName: form.lastName.trim(),
    email: orNull(form.email),
    phone: orNull(form.phone),
    dateOfBirth: orNull(form.dateOfBirth),
    timeZone: form.timeZone,
    locale: form.locale || null,
    notes: orNull(form.notes),
    running: {
      yearsRunning: toNumber(form.yearsRunning),
      weeklyKm: toNumber(form.weeklyKm),
      goalEvent: goalName ? { name: goalName, date: orNull(form.goalDate), distanceKm: toNumber(form.goalDistanceKm) } : null,
    },
    injuries: form.injuries.map((injury) => ({
      description: injury.description.trim(),
      region: orNull(injury.region),
      side: injury.side || null,
      occurredOn: orNull(injury.occurredOn),
      resolved: injury.resolved,
      notes: orNull(injury.notes),
    })),
    selfCare: form.selfCare.map((item) => ({
      method: item.method,
      detail: orNull(item.detail),
      effect: item.effect,
      notes: orNull(item.notes),
    })),
  };
}

const TOP_LEVEL_PATHS = new Set([
  "firstName",
  "lastName",
  "email",
  "phone",
  "dateOfBirth",
  "timeZone",
  "locale",
  "notes",
  "running.yearsRunning",
  "running.weeklyKm",
  "running.goalEvent",
  "running.goalEvent.name",
  "running.goalEvent.date",
  "running.goalEvent.distanceKm",
]);
const ROW_PATH = /^(injuries\.\d+\.(description|region|side|occurredOn|resolved|notes)|selfCare\.\d+\.(method|detail|effect|notes))$/;

/** Field errors the form has no input for; they are listed in the summary at the top instead. */
export function unplacedErrors(fields: FieldErrors): string[] {
  return Object.entries(fields)
    .filter(([path]) => !TOP_LEVEL_PATHS.has(path) && !ROW_PATH.test(path))
    .map(([path, message]) => `${path}: ${message}`);
}
