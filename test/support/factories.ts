import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { createClientRequest } from "../../src/clients/schema.js";
import type { PractitionerRole } from "../../src/db/schema.js";
import { addPractitioner, createPracticeWithOwner } from "../../src/practices/service.js";
import type { TestApp } from "./server.js";
import type { TestBrowser } from "./http.js";

export const TEST_PASSWORD = "a-long-test-password-1";

export interface TestPractice {
  practiceId: string;
  ownerEmail: string;
  ownerPractitionerId: string;
}

let counter = 0;
function unique(): string {
  counter += 1;
  return `${counter}${randomBytes(3).toString("hex")}`;
}

/** A practice with an owner who can sign in with TEST_PASSWORD. */
export async function buildPractice(app: TestApp, name = `Practice ${unique()}`): Promise<TestPractice> {
  const ownerEmail = `owner-${unique()}@example.test`;
  const { practiceId, practitionerId } = await createPracticeWithOwner(app.db.database, app.clock, {
    practiceName: name,
    timeZone: "Europe/London",
    owner: { name: "Olive Owner", email: ownerEmail, role: "owner", password: TEST_PASSWORD },
    onlyIfFirst: false,
  });
  return { practiceId, ownerEmail, ownerPractitionerId: practitionerId };
}

/** Another practitioner in a practice, with TEST_PASSWORD. */
export async function buildPractitioner(
  app: TestApp,
  practice: TestPractice,
  role: PractitionerRole,
): Promise<{ email: string; id: string }> {
  const email = `${role}-${unique()}@example.test`;
  const member = await addPractitioner(
    app.db.database,
    app.clock,
    { practiceId: practice.practiceId },
    { name: `Pat ${role}`, email, role, password: TEST_PASSWORD },
  );
  return { email, id: member.id };
}

export async function signedIn(app: TestApp, email: string): Promise<TestBrowser> {
  const browser = app.browser();
  const response = await browser.signIn(email, TEST_PASSWORD);
  if (response.status !== 200) throw new Error(`sign-in failed for ${email}: ${response.status} ${response.text}`);
  return browser;
}

/** A valid client body; override any field. */
export function buildClientInput(overrides: Partial<z.input<typeof createClientRequest>> = {}): z.input<typeof createClientRequest> {
  const id = unique();
  return {
    firstName: "Maya",
    lastName: `Runner${id}`,
    email: `maya.${id}@example.test`,
    phone: "+44 7700 900000",
    dateOfBirth: "1989-04-17",
    running: { yearsRunning: 6, weeklyKm: 62, goalEvent: { name: "Valencia Marathon", date: "2027-12-05", distanceKm: 42.2 } },
    injuries: [
      { description: "Hamstring strain during a fast mile", region: "Hamstrings", side: "right", occurredOn: "2023-05", resolved: true },
    ],
    selfCare: [{ method: "rolling", detail: "Foam roller on quads", effect: "no_change" }],
    ...overrides,
  };
}

/** Creates a client through the API and returns its id. */
export async function buildClient(browser: TestBrowser, overrides: Partial<z.input<typeof createClientRequest>> = {}): Promise<string> {
  const response = await browser.post("/api/clients", buildClientInput(overrides));
  if (response.status !== 201) throw new Error(`client create failed: ${response.status} ${response.text}`);
  return response.json.client.id as string;
}
