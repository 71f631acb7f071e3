import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import { BOUNDARIES } from "../../eslint.config.js";
import palpable from "../../eslint/boundaries.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixtures = path.join(root, "test/fixtures/boundaries");

/** ESLint with only the boundary rule, as configured in eslint.config.js (no type information needed). */
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ["**/*.ts", "**/*.tsx"],
      languageOptions: { parser: tseslint.parser },
      plugins: { palpable },
      rules: { "palpable/boundaries": ["error", { root, boundaries: BOUNDARIES }] },
    },
  ],
});

/** Lints a fixture as if it were the file its first line names ("// lint as: src/…"); the offending lines. */
async function crossings(fixture: string): Promise<{ line: number; message: string }[]> {
  const text = readFileSync(path.join(fixtures, fixture), "utf8");
  const as = /^\/\/ lint as: (\S+)/.exec(text)?.[1];
  if (!as) throw new Error(`${fixture} does not say which file it stands for`);
  const [result] = await eslint.lintText(text, { filePath: path.join(root, as) });
  return result!.messages.map((m) => ({ line: m.line, message: m.message }));
}

describe("the boundaries lint rule", () => {
  it("refuses server code importing the web app", async () => {
    const found = await crossings("server-imports-web.ts.fixture");
    expect(found).toEqual([{ line: 2, message: expect.stringContaining("server code never imports the web app") }]);
  });

  it("refuses production code importing test helpers or test-only packages", async () => {
    const found = await crossings("production-imports-test-helper.ts.fixture");
    expect(found.map((f) => f.line)).toEqual([2, 3]);
    expect(found[0]!.message).toContain("never imports test helpers");
  });

  it("refuses the web app importing server internals, even as types", async () => {
    const found = await crossings("web-imports-server-internals.ts.fixture");
    expect(found.map((f) => f.line)).toEqual([2, 3, 4]);
    expect(found[0]!.message).toContain("src/training/import-upload");
  });

  it("refuses the web app importing a schema's values (only its types)", async () => {
    expect((await crossings("web-imports-schema-value.ts.fixture")).map((f) => f.line)).toEqual([2]);
  });

  it("lets the web app import src/web, src/shared and schema types", async () => {
    expect(await crossings("web-imports-allowed.ts.fixture")).toEqual([]);
  });

  it("keeps src/shared at the bottom", async () => {
    expect((await crossings("shared-imports-domain.ts.fixture")).map((f) => f.line)).toEqual([2]);
  });

  it("keeps src/platform below the modules: no module, no app/ or cli/, even as types", async () => {
    const found = await crossings("platform-imports-domain.ts.fixture");
    expect(found.map((f) => f.line)).toEqual([2, 3, 4]);
    expect(found[0]!.message).toContain("src/platform/ imports only src/platform/ and src/shared/");
  });

  it("lets platform/context.ts name the database and auth types, but not import their values", async () => {
    expect((await crossings("platform-context-types.ts.fixture")).map((f) => f.line)).toEqual([3]);
  });

  it("refuses a module importing the composition (src/app, src/cli)", async () => {
    const found = await crossings("domain-imports-app.ts.fixture");
    expect(found.map((f) => f.line)).toEqual([2, 3]);
    expect(found[0]!.message).toContain("never imports src/app/ or src/cli/");
  });

  it("is switched on for every source file by eslint.config.js", async () => {
    const project = new ESLint({ cwd: root });
    for (const file of ["src/reports/charts.ts", "src/web/App.tsx", "src/shared/labels.ts", "src/platform/errors.ts", "src/app/app.ts"]) {
      const config = (await project.calculateConfigForFile(path.join(root, file))) as { rules: Record<string, unknown> };
      expect(config.rules["palpable/boundaries"]).toBeDefined();
    }
  });
});
