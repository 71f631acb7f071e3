/**
 * Opaque page cursors: the sort key of a page's last row, as base64url JSON. A cursor a client
 * altered or invented decodes to undefined, which the service answers with a 400 naming `cursor`.
 * Server side only (Buffer).
 */
import { z } from "zod";

export const CURSOR_PROBLEM = "is not a cursor from a previous page";

/** What a `cursor` query parameter may look like before it is decoded. */
export const cursorParam = z
  .string()
  .max(300, CURSOR_PROBLEM)
  .regex(/^[A-Za-z0-9_-]+$/, CURSOR_PROBLEM);

/** The `limit` query parameter of a paged list: 1..200, 50 unless given. */
export const pageLimit = z.coerce
  .number({ message: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(200, "must be at most 200")
  .default(50);

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** Decodes a cursor made by `encodeCursor` and checks its shape with `shape` (a zod tuple); undefined if it is not one. */
export function decodeCursor<T>(cursor: string, shape: z.ZodType<T>): T | undefined {
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  return undefined;
}
