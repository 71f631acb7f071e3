import { describe, expect, it } from "vitest";
import { MEASURES } from "../shared/measures/index.js";
import { neutralPage, questionnairePage } from "./pages.js";
import { isCheckinMeasure } from "./schema.js";

describe("check-in pages", () => {
  const allCodes = MEASURES.map((m) => m.code).filter(isCheckinMeasure);
  const page = questionnairePage({ practiceName: "Hill <Massage>", token: "t".repeat(43), measureCodes: allCodes, values: {}, errors: {} });

  it("stays under 30 KB with every measure a link can ask, PSFS included", () => {
    expect(allCodes).toContain("psfs");
    expect(Buffer.byteLength(page)).toBeLessThan(30_000);
  });

  it("has no scripts or inline styles, and escapes text", () => {
    expect(page).not.toMatch(/<script|style=|<style/);
    expect(page).toContain("Hill &#60;Massage&#62;");
    expect(neutralPage()).not.toContain("Massage");
  });

  it("puts every radio button inside its label and labels every text box", () => {
    const radios = page.match(/<input type="radio"/g) ?? [];
    expect(radios.length).toBeGreaterThan(20);
    expect(page.match(/<label class="(choice|tap)"><input type="radio"/g)).toHaveLength(radios.length);
    const boxes = [...page.matchAll(/<textarea id="([^"]+)"/g)].map((m) => m[1]);
    for (const id of boxes) expect(page).toContain(`<label for="${id}">`);
  });

  it("shows a 0-10 question as one row of 11 radio tap targets, anchors named with their numbers", () => {
    const nprs = questionnairePage({ practiceName: "P", token: "t".repeat(43), measureCodes: ["nprs"], values: {}, errors: {} });
    const row = /<div class="taps">(.*?)<\/div>/.exec(nprs)?.[1] ?? "";
    expect(row.match(/<label class="tap"><input type="radio" name="nprs\.1" value="\d+"><span class="tap__n">\d+<\/span>/g)).toHaveLength(
      11,
    );
    expect(row).toContain('<span class="tap__n">10</span><span class="vh"> — Worst possible pain</span>');
    expect(nprs).toContain('<p class="anchors" aria-hidden="true"><span>0 = No pain</span><span>10 = Worst possible pain</span></p>');
    expect(nprs).not.toContain("<script");
  });

  it("asks for up to three PSFS activities with a 0-10 rating each the first time", () => {
    const first = questionnairePage({ practiceName: "P", token: "t".repeat(43), measureCodes: ["psfs"], values: {}, errors: {} });
    for (const n of [1, 2, 3]) {
      expect(first).toContain(`<input type="text" id="f-psfs-activity-${n}" name="psfs.activity.${n}"`);
      expect(first).toContain(`<label for="f-psfs-activity-${n}">`);
      expect(first.match(new RegExp(`name="psfs\\.rating\\.${n}"`, "g"))).toHaveLength(11);
    }
    expect(first).not.toContain("____");
  });

  it("shows activities named before as fixed labels and asks only for their ratings", () => {
    const later = questionnairePage({
      practiceName: "P",
      token: "t".repeat(43),
      measureCodes: ["psfs"],
      fixedActivities: { psfs: ["Hill <repeats>"] },
      values: {},
      errors: {},
    });
    expect(later).not.toContain('type="text"');
    expect(later).toMatch(/<legend>Hill &#60;repeats&#62;<\/legend>/);
    expect(later.match(/name="psfs\.rating\.1"/g)).toHaveLength(11);
    expect(later).not.toContain("psfs.rating.2");
  });
});
