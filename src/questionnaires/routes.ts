import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { parseJsonBody } from "../platform/validation.js";
import { validationFailed } from "../platform/errors.js";
import { recordVersion } from "../shared/validators.js";
import * as service from "./service.js";

/** The practice's own questionnaires and its wording of the UWRI (settings). */
export function questionnaireRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/questionnaires", async (c) => c.json({ questionnaires: await service.listQuestionnaires(deps, c.get("actor")) }));

  app.post("/questionnaires", async (c) => {
    const body = await parseJsonBody(c, z.unknown());
    return c.json({ questionnaire: await service.createQuestionnaire(deps, c.get("actor"), body) }, 201);
  });

  app.get("/questionnaires/:id", async (c) =>
    c.json({ questionnaire: await service.getQuestionnaire(deps, c.get("actor"), c.req.param("id")) }),
  );

  app.put("/questionnaires/:id", async (c) => {
    // `version`: the record version the edit started from; a stale one is 409.
    const { version, rest } = splitVersion(await parseJsonBody(c, z.unknown()), true);
    return c.json({ questionnaire: await service.reviseQuestionnaire(deps, c.get("actor"), c.req.param("id"), rest, version ?? 0) });
  });

  app.put("/uwri-wording", async (c) => {
    // The first entry has no version yet; later ones name the version they started from.
    const { version, rest } = splitVersion(await parseJsonBody(c, z.unknown()), false);
    return c.json({ questionnaire: await service.saveUwriWording(deps, c.get("actor"), rest, version) });
  });

  return app;
}

function splitVersion(raw: unknown, required: boolean): { version: number | null; rest: unknown } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { version: null, rest: raw };
  const { version, ...rest } = raw as Record<string, unknown>;
  if (version === undefined && !required) return { version: null, rest };
  const parsed = recordVersion.safeParse(version);
  if (!parsed.success) throw validationFailed({ version: `Version: ${parsed.error.issues[0]?.message ?? "is invalid"}` });
  return { version: parsed.data, rest };
}
