import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeFindings, findIdentifiers, redactIdentifiers, type ClientIdentifiers } from "./identifiers.js";

const MAYA: ClientIdentifiers = { firstName: "Maya", lastName: "Lindqvist", email: "maya.lindqvist@example.com", phone: "+44 7700 900123" };

const FILLER = [
  "the",
  "runner",
  "hip",
  "flexor",
  "felt",
  "tight",
  "after",
  "hill",
  "repeats",
  "on",
  "day",
  "14",
  "and",
  "quad",
  "release",
  "helped",
];
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const name = fc
  .tuple(
    fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZÅÉÖ"),
    fc.array(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzåéöü"), { minLength: 2, maxLength: 11 }),
  )
  .map(([first, rest]) => first + rest.join(""));
const sentence = fc.array(fc.constantFrom(...FILLER), { minLength: 0, maxLength: 12 }).map((words) => words.join(" "));

describe("findIdentifiers", () => {
  it("finds a client's first or last name wherever it is embedded in text, in any case", () => {
    fc.assert(
      fc.property(
        name,
        name,
        sentence,
        sentence,
        fc.boolean(),
        fc.constantFrom("", ".", ",", "'s", "!"),
        (first, last, before, after, useLast, suffix) => {
          const ids = { firstName: first, lastName: last, email: null, phone: null };
          const embedded = useLast ? last.toUpperCase() : first;
          const text = `${before} ${embedded}${suffix} ${after}`.trim();
          const found = findIdentifiers(text, ids);
          expect(found.some((f) => f.kind === "name" && f.text.toLowerCase() === embedded.toLowerCase())).toBe(true);
          expect(redactIdentifiers(text, ids).toLowerCase()).not.toContain(embedded.toLowerCase());
        },
      ),
    );
  });

  it("finds calendar dates in every written form", () => {
    const day = fc.integer({ min: 1, max: 28 });
    const month = fc.integer({ min: 1, max: 12 });
    const year = fc.integer({ min: 1950, max: 2040 });
    fc.assert(
      fc.property(day, month, year, sentence, fc.integer({ min: 0, max: 6 }), (d, m, y, context, form) => {
        const monthName = MONTH_NAMES[m - 1] ?? "March";
        const written = [
          `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
          `${d}/${m}/${y}`,
          `${d}.${m}.${String(y).slice(2)}`,
          `${d} ${monthName}`,
          `${d}th of ${monthName.toLowerCase() === "may" ? "May" : monthName.toLowerCase()}`,
          `${monthName} ${d}`,
          `${monthName.slice(0, 3)}. ${d}th`,
        ][form] as string;
        const found = findIdentifiers(`${context} ${written} ${context}`, { firstName: "Zz", lastName: "Qq", email: null, phone: null });
        expect(found.map((f) => f.kind)).toContain("date");
      }),
    );
  });

  it("lists what it found in order, once each", () => {
    const text =
      "Maya (maya.lindqvist@example.com, 07700 900123) came on 12 March 2026; MAYA said on 3/4/2026 that Lindqvist-Smith's advice helped.";
    expect(findIdentifiers(text, MAYA)).toEqual([
      { kind: "name", text: "Maya" },
      { kind: "email", text: "maya.lindqvist@example.com" },
      { kind: "phone", text: "07700 900123" },
      { kind: "date", text: "12 March 2026" },
      { kind: "date", text: "3/4/2026" },
      { kind: "name", text: "Lindqvist" },
    ]);
  });

  it("leaves alone day numbers, scores, ranges, the verb may and words that only contain a name", () => {
    const text =
      "On day 14 tightness fell from 8 to 3 (0-10 scale, NAP 0.85, Tau-U 1.00); it may 3 times have helped the Mayan runner on 2 hills.";
    expect(findIdentifiers(text, MAYA)).toEqual([]);
  });

  it("matches a name typed without its accent", () => {
    expect(findIdentifiers("Tomas ran", { firstName: "Tomás", lastName: "Reyes", email: null, phone: null })).toEqual([
      { kind: "name", text: "Tomas" },
    ]);
  });

  it("describes findings for the error that names the field", () => {
    expect(describeFindings(findIdentifiers("Maya on 12 March", MAYA))).toBe(
      'contains the client\'s name "Maya", a calendar date "12 March"',
    );
  });
});

describe("redactIdentifiers", () => {
  it("replaces names with the subject label and other details with markers", () => {
    expect(redactIdentifiers("Maya: direct work from 2026-10-01, mail maya.lindqvist@example.com or call +44 7700 900123", MAYA)).toBe(
      "the runner: direct work from [date removed], mail [e-mail removed] or call [phone removed]",
    );
  });
});

describe("the client's goal event", () => {
  const withGoal: ClientIdentifiers = { ...MAYA, goalEventName: "Valencia  Marathon" };

  it("finds the goal event's name as a phrase, in any case, spacing or accents", () => {
    expect(findIdentifiers("Trained for the valencia marathon after a tight winter.", withGoal)).toEqual([
      { kind: "event", text: "valencia marathon" },
    ]);
    expect(findIdentifiers("Her goal: VALENCIA\nMarathon.", withGoal)).toEqual([{ kind: "event", text: "VALENCIA\nMarathon" }]);
    expect(findIdentifiers("A marathon in Valencia, or the Valencia Marathoner club.", withGoal)).toEqual([]);
    const accented: ClientIdentifiers = { ...MAYA, goalEventName: "Zürich Marathon" };
    expect(findIdentifiers("Training for the Zurich Marathon.", accented)).toEqual([{ kind: "event", text: "Zurich Marathon" }]);
  });

  it("replaces it in text the therapist cannot edit and names it in the problem", () => {
    expect(redactIdentifiers("Build-up for Valencia Marathon", withGoal)).toBe("Build-up for [goal event removed]");
    expect(describeFindings(findIdentifiers("Valencia Marathon prep", withGoal))).toBe(
      'contains the client\'s goal event "Valencia Marathon"',
    );
  });

  it("ignores a goal event name too short to point at anyone", () => {
    expect(findIdentifiers("Then a 10k on day 14.", { ...MAYA, goalEventName: "10k" })).toEqual([]);
  });
});
