import type { Context } from "hono";
import { z } from "zod";
import { recordVersion } from "../shared/validators.js";
import { badRequest, validationFailed, type FieldErrors } from "./errors.js";

/** Turns zod issues into `{ "field.path": "problem" }`, one message per field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "body";
    fields[path] ??= issue.message;
  }
  return fields;
}

/** Parses the JSON body against a schema, or throws a 400 that names the fields. */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const contentType = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(contentType)) {
    throw badRequest("unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
  let body: unknown;
  try {
    const text = await c.req.text();
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw badRequest("invalid_json", "The request body is not valid JSON");
  }
  return parseWith(schema, body);
}

/**
 * Parses an edit's JSON body: `version` (the version of the record it was based on, required) and
 * the rest against the schema. A 400 names every bad field, `version` included.
 */
export async function parseVersionedJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<{ version: number; body: z.output<S> }> {
  const raw = await parseJsonBody(c, z.unknown());
  const { version, ...rest } = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const parsedVersion = recordVersion.safeParse(version);
  const parsedBody = schema.safeParse(typeof raw === "object" && raw !== null && !Array.isArray(raw) ? rest : raw);
  const fields: FieldErrors = {
    ...(parsedVersion.success ? {} : { version: parsedVersion.error.issues[0]?.message ?? "is invalid" }),
    ...(parsedBody.success ? {} : fieldErrors(parsedBody.error)),
  };
  if (!parsedVersion.success || !parsedBody.success) throw validationFailed(fields);
  return { version: parsedVersion.data, body: parsedBody.data };
}

/** Parses query-string parameters against a schema, or throws a 400 that names the parameter. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query());
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(fieldErrors(result.error));
  return result.data;
}
