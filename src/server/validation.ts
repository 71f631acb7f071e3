import type { Context } from "hono";
import type { z } from "zod";
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

/** Parses query-string parameters against a schema, or throws a 400 that names the parameter. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query());
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(fieldErrors(result.error));
  return result.data;
}
