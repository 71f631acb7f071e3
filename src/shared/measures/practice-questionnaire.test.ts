import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMcidImprovement } from "./change.js";
import { practiceCatalogue, uwriWithWording } from "./catalogue.js";
import {
  questionnaireMeasure,
  scoreQuestionnaire,
  scoreRange,
  type QuestionnaireAnswer,
  type QuestionnaireDefinition,
  type QuestionnaireItem,
} from "./practice-questionnaire.js";

const items: QuestionnaireItem[] = [
  { key: "a", type: "scale", text: "Pain on your last run", lowAnchor: "None", highAnchor: "Worst", reverse: true },
  {
    key: "b",
    type: "choice",
    text: "Stairs",
    options: [
      { label: "Easy", score: 4 },
      { label: "Some trouble", score: 2 },
      { label: "Cannot", score: 0 },
    ],
    reverse: false,
  },
  { key: "c", type: "yes-no", text: "Did you run this week?", reverse: false },
  { key: "d", type: "number", text: "Longest run", unit: "km", min: 0, max: 50, scored: false, reverse: false },
  { key: "e", type: "text", text: "Anything else?", maxLength: 500 },
];

function definition(scoring: Partial<QuestionnaireDefinition["scoring"]> = {}): QuestionnaireDefinition {
  return {
    title: "Return to running",
    instructions: null,
    items,
    scoring: { method: "sum", minAnswered: 3, prorate: false, higherIsBetter: true, ...scoring },
    mcid: { points: 3, source: "Practice audit 2025" },
  };
}

describe("practice questionnaire scoring", () => {
  it("reverses a reverse-scored item (min + max − answer) and scores choices by their scores", () => {
    // Pain 3 reversed on 0–10 gives 7; "Some trouble" gives 2; yes gives 1. Text and the unscored number count for nothing.
    expect(scoreQuestionnaire(definition(), [3, 1, 1, 12.5, "felt fine"])).toEqual({
      kind: "scored",
      score: 10,
      answeredItems: 3,
      imputedItems: 0,
    });
  });

  it("applies the missing-item rule: no score below the minimum answered, prorated sum above it", () => {
    const lenient = definition({ minAnswered: 2 });
    expect(scoreQuestionnaire(definition(), [3, null, 1, null, null])).toMatchObject({ kind: "cannot-score", reason: "too-many-missing" });
    expect(scoreQuestionnaire(lenient, [3, null, 1, null, null])).toEqual({ kind: "scored", score: 8, answeredItems: 2, imputedItems: 0 });
    // Prorated: (7 + 1) × 3 scored items ÷ 2 answered = 12.
    expect(scoreQuestionnaire({ ...lenient, scoring: { ...lenient.scoring, prorate: true } }, [3, null, 1, null, null])).toEqual({
      kind: "scored",
      score: 12,
      answeredItems: 2,
      imputedItems: 1,
    });
  });

  it("takes the mean of the answered scored items", () => {
    expect(scoreQuestionnaire(definition({ method: "mean", minAnswered: 2 }), [3, null, 1, null, null])).toMatchObject({ score: 4 });
  });

  it("gives no score when the method is none, and refuses answers outside an item's range", () => {
    expect(scoreQuestionnaire(definition({ method: "none" }), [3, 1, 1, null, null])).toEqual({ kind: "not-scored" });
    expect(scoreQuestionnaire(definition(), [11, 1, 1, null, null])).toMatchObject({ kind: "cannot-score", reason: "out-of-range" });
    expect(scoreQuestionnaire(definition(), [3, 3, 1, null, null])).toMatchObject({ kind: "cannot-score", reason: "out-of-range" });
    expect(scoreQuestionnaire(definition(), [3, 1, 1, 51, null])).toMatchObject({ kind: "cannot-score", reason: "out-of-range" });
  });

  it("has the range of its scored items and judges change against the practice's MCID", () => {
    expect(scoreRange(definition())).toEqual({ min: 0, max: 15 });
    const measure = questionnaireMeasure("q1", 2, definition());
    expect(measure.code).toBe("pq-q1");
    expect(measure.version).toBe("2");
    expect(isMcidImprovement(measure, 5, 8)).toMatchObject({ kind: "judged", improved: true });
    expect(isMcidImprovement(measure, 5, 7)).toMatchObject({ kind: "judged", improved: false });
  });

  it("property: any complete, in-range answers score within the score range, and prorating changes nothing when all are answered", () => {
    const answers = fc.tuple(
      fc.integer({ min: 0, max: 10 }),
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 1 }),
      fc.option(fc.double({ min: 0, max: 50, noNaN: true }), { nil: null }),
      fc.option(fc.string({ maxLength: 20 }), { nil: null }),
    );
    fc.assert(
      fc.property(answers, fc.constantFrom<"sum" | "mean">("sum", "mean"), (given, method) => {
        const list: QuestionnaireAnswer[] = [...given];
        const plain = scoreQuestionnaire(definition({ method }), list);
        const prorated = scoreQuestionnaire(definition({ method, prorate: true }), list);
        const range = scoreRange(definition({ method }));
        if (plain.kind !== "scored" || prorated.kind !== "scored" || range === null) return false;
        return plain.score === prorated.score && plain.score >= range.min && plain.score <= range.max;
      }),
    );
  });

  it("property: reversing an item mirrors its points within its range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), (value) => {
        const one = (reverse: boolean): QuestionnaireDefinition => ({
          ...definition(),
          items: [{ key: "a", type: "scale", text: "x", lowAnchor: "", highAnchor: "", reverse }],
          scoring: { method: "sum", minAnswered: 1, prorate: false, higherIsBetter: true },
        });
        const straight = scoreQuestionnaire(one(false), [value]);
        const reversed = scoreQuestionnaire(one(true), [value]);
        return straight.kind === "scored" && reversed.kind === "scored" && straight.score + reversed.score === 10;
      }),
    );
  });
});

describe("the practice's catalogue", () => {
  it("asks the latest version, keeps earlier ones for their answers, and marks UWRI wording entered by the practice", () => {
    const catalogue = practiceCatalogue({
      questionnaires: [
        {
          id: "q1",
          title: "Return to running",
          versions: [
            { number: 1, definition: definition() },
            { number: 2, definition: { ...definition(), title: "Return to running v2" } },
          ],
        },
      ],
      uwri: [
        { number: 1, definition: { items: Array.from({ length: 9 }, (_, i) => ({ text: `Q${i}`, options: ["a", "b", "c", "d", "e"] })) } },
      ],
    });
    expect(catalogue.byCode("pq-q1")?.version).toBe("2");
    expect(catalogue.byVersion("pq-q1", "1")?.name).toBe("Return to running");
    const uwri = catalogue.byCode("uwri");
    expect(uwri?.shortName).toBe("UWRI (wording entered by the practice)");
    expect(uwri?.kind === "item-scale" && uwri.items.every((item) => !item.placeholder)).toBe(true);
    expect(uwri?.kind === "item-scale" && uwri.score([4, 4, 4, 4, 4, 4, 4, 4, 4])).toMatchObject({ score: 36 });
    expect(uwriWithWording({ items: [] }, 1).items.every((item) => item.placeholder)).toBe(true);
  });
});
