import { RED_FLAG_CODES } from "../../src/intake/red-flags.js";
import type { TestBrowser } from "./http.js";
import type { TestApp } from "./server.js";

/** The practice's consent text, saved once (a new version only when the text differs). */
export const CONSENT_TEXT = "I consent to treatment and to the practice keeping my information for my care. Case reports only if ticked.";

export async function ensureConsentText(owner: TestBrowser, body = CONSENT_TEXT): Promise<{ version: number; sha256: string }> {
  const current = (await owner.get("/api/consent-text")).json.current as { version: number } | null;
  const saved = await owner.request("PUT", "/api/consent-text", { body, basedOn: current?.version ?? 0 });
  if (saved.status !== 200) throw new Error(`consent text not saved: ${saved.status} ${saved.text}`);
  return saved.json.consentText;
}

/** A new intake link for the client; returns its path (/i/<token>). */
export async function newIntakeLink(owner: TestBrowser, clientId: string): Promise<{ path: string; token: string }> {
  const response = await owner.post(`/api/clients/${clientId}/intake-link`, { delivery: "show" });
  if (response.status !== 201) throw new Error(`intake link not made: ${response.status} ${response.text}`);
  const path = new URL(response.json.url as string).pathname;
  return { path, token: path.split("/").at(-1) ?? "" };
}

/** A complete, valid intake form; `redFlag` answers one question "yes". */
export function intakeForm(options: { redFlag?: string; consentVersion?: number; caseReports?: boolean } = {}): Record<string, string> {
  const form: Record<string, string> = {
    firstName: "Maya",
    lastName: "Runner",
    email: "maya.intake@example.test",
    phone: "+44 7700 900123",
    dateOfBirth: "1990-04-12",
    yearsRunning: "6",
    weeklyKm: "45",
    races: "Half marathon, March 2026, 1:41",
    goalName: "Valencia Marathon",
    goalDate: "2027-12-05",
    goalDistanceKm: "42.2",
    injury1: "Achilles pain, left",
    injury1When: "2025-03",
    tried_rolling: "helped",
    tried_percussion: "no_change",
    consentVersion: String(options.consentVersion ?? 1),
    consentTreatment: "yes",
    consentData: "yes",
    signedName: "Maya Runner",
  };
  for (const code of RED_FLAG_CODES) form[`flag_${code}`] = code === options.redFlag ? "yes" : "no";
  if (options.caseReports) form.consentCaseReports = "yes";
  return form;
}

/** Posts the form as the browser without scripts does. */
export function postForm(app: TestApp, path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(new URL(path, app.url), {
    method: "POST",
    body: new URLSearchParams(form).toString(),
    headers: { origin: app.url, "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

/** A client's submitted intake (the consent text saved first); returns the intake's id. */
export async function buildIntake(
  app: TestApp,
  owner: TestBrowser,
  clientId: string,
  options: { redFlag?: string; caseReports?: boolean } = {},
): Promise<string> {
  const text = await ensureConsentText(owner);
  const { path } = await newIntakeLink(owner, clientId);
  const response = await postForm(app, path, intakeForm({ ...options, consentVersion: text.version }));
  if (response.status !== 200) throw new Error(`intake not submitted: ${response.status} ${await response.text()}`);
  const intakes = (await owner.get(`/api/clients/${clientId}/intakes`)).json.intakes as { id: string }[];
  return intakes[0]?.id ?? "";
}
