import { z } from "zod";
import type { QuestionnaireDefinition } from "../shared/measures/index.js";
import type { UwriWording } from "../shared/measures/index.js";

/** Zod schemas for the questionnaire builder; messages are completed with the field's name in words (see fieldLabel). */

const text = (max: number) =>
  z.string({ message: "is required" }).trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const key = z.string({ message: "is required" }).regex(/^[a-z0-9]{1,16}$/, "must be 1–16 lower-case letters or digits");
const anchor = z.string().trim().max(60, "must be at most 60 characters").default("");
const finite = (what: string) =>
  z
    .number({ message: `must be a number${what}` })
    .finite(`must be a number${what}`)
    .min(-100_000)
    .max(100_000);

const item = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      key,
      type: z.literal("scale"),
      text: text(300),
      lowAnchor: anchor,
      highAnchor: anchor,
      reverse: z.boolean().default(false),
    }),
    z.strictObject({
      key,
      type: z.literal("choice"),
      text: text(300),
      options: z
        .array(z.strictObject({ label: text(120), score: finite("") }), { message: "must be a list of options" })
        .min(2, "needs at least 2 options")
        .max(12, "may have at most 12 options"),
      reverse: z.boolean().default(false),
    }),
    z.strictObject({ key, type: z.literal("yes-no"), text: text(300), reverse: z.boolean().default(false) }),
    z.strictObject({
      key,
      type: z.literal("number"),
      text: text(300),
      unit: z.string().trim().max(20, "must be at most 20 characters").default(""),
      min: finite(""),
      max: finite(""),
      scored: z.boolean().default(false),
      reverse: z.boolean().default(false),
    }),
    z.strictObject({ key, type: z.literal("text"), text: text(300), maxLength: z.number().int().min(1).max(2000).default(500) }),
  ],
  { message: "must be one of: 0–10 scale, single choice, yes/no, number, free text" },
);

export const questionnaireRequest = z
  .strictObject({
    title: text(80),
    instructions: z
      .string()
      .trim()
      .max(500, "must be at most 500 characters")
      .nullish()
      .transform((v) => (v ? v : null)),
    items: z.array(item, { message: "must be a list of items" }).min(1, "needs at least one item").max(40, "may have at most 40 items"),
    scoring: z.strictObject({
      method: z.enum(["sum", "mean", "none"], { message: "must be sum, mean or none" }),
      minAnswered: z.number({ message: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").default(1),
      prorate: z.boolean().default(false),
      higherIsBetter: z.boolean().default(true),
    }),
    mcid: z
      .strictObject({
        points: z.number({ message: "must be a number" }).positive("must be more than 0").max(100_000),
        source: text(300),
      })
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((value, ctx) => {
    const keys = new Set<string>();
    for (const [index, entry] of value.items.entries()) {
      if (keys.has(entry.key)) ctx.addIssue({ code: "custom", path: ["items", index, "key"], message: "is used by an earlier item" });
      keys.add(entry.key);
      if (entry.type === "number" && entry.min >= entry.max) {
        ctx.addIssue({ code: "custom", path: ["items", index, "max"], message: "must be more than the lowest value" });
      }
    }
    const scored = value.items.filter((i) => i.type !== "text" && (i.type !== "number" || i.scored)).length;
    if (value.scoring.method !== "none") {
      if (scored === 0)
        ctx.addIssue({ code: "custom", path: ["scoring", "method"], message: "needs at least one item that is scored (free text is not)" });
      else if (value.scoring.minAnswered > scored) {
        ctx.addIssue({
          code: "custom",
          path: ["scoring", "minAnswered"],
          message: `must be at most ${scored}, the number of scored items`,
        });
      }
    }
    if (value.mcid && value.scoring.method === "none") {
      ctx.addIssue({ code: "custom", path: ["mcid", "points"], message: "needs a scored questionnaire (scoring sum or mean)" });
    }
  });

export type QuestionnaireRequest = z.output<typeof questionnaireRequest>;

/** The UWRI's wording from the practice's copy: nine items, each with its five answers (0–4) in order. */
export const uwriWordingRequest = z.strictObject({
  items: z
    .array(
      z.strictObject({
        text: text(300),
        options: z.array(text(120), { message: "must be a list of 5 answers" }).length(5, "must be exactly 5 answers, scored 0 to 4"),
      }),
      { message: "must be a list of 9 items" },
    )
    .length(9, "must be exactly 9 items, in the instrument's order"),
});

/** The field in words, for messages the builder shows as they are ("Item 2, wording: must not be empty"). */
export function fieldLabel(path: string): string {
  const parts = path.split(".");
  const names: Record<string, string> = {
    title: "Title",
    instructions: "Instructions",
    items: "Items",
    text: "wording",
    key: "key",
    type: "type",
    lowAnchor: "anchor at 0",
    highAnchor: "anchor at 10",
    options: "answers",
    label: "label",
    score: "score",
    unit: "unit",
    min: "lowest value",
    max: "highest value",
    maxLength: "longest answer",
    method: "Scoring method",
    minAnswered: "Score when at least this many items are answered",
    prorate: "Prorate missing items",
    higherIsBetter: "Higher is better",
    points: "MCID points",
    source: "MCID source",
    version: "Version",
  };
  if (parts[0] === "items" && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const itemName = `Item ${Number(parts[1]) + 1}`;
    if (parts[2] === "options" && parts[3] !== undefined && /^\d+$/.test(parts[3])) {
      return `${itemName}, answer ${Number(parts[3]) + 1}${parts[4] ? ` ${names[parts[4]] ?? parts[4]}` : ""}`;
    }
    return parts[2] ? `${itemName}, ${names[parts[2]] ?? parts[2]}` : itemName;
  }
  if (parts[0] === "mcid") return parts[1] ? (names[parts[1]] ?? path) : "MCID";
  if (parts[0] === "scoring") return parts[1] ? (names[parts[1]] ?? path) : "Scoring";
  return names[parts[0] ?? ""] ?? path;
}

export interface QuestionnaireVersionView {
  number: number;
  createdAt: string;
  /** When it was first used (a plan listed it or a client answered it); null while it can still be edited in place. */
  frozenAt: string | null;
  definition: QuestionnaireDefinition | UwriWording;
}

export interface QuestionnaireView {
  id: string;
  /** The measure code plans and answers use: `pq-<id>`, or `uwri` for the practice's UWRI wording. */
  code: string;
  basedOn: "uwri" | null;
  /** The record version an edit must name. */
  version: number;
  updatedAt: string;
  /** Newest first. */
  versions: QuestionnaireVersionView[];
}
