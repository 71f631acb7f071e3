import { z } from "zod";

/** `?clientId=` narrows a practice-wide CSV to one client; an unknown or foreign id is a 404. */
export const csvExportQuery = z.strictObject({
  clientId: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters").optional(),
});
export type CsvExportQuery = z.infer<typeof csvExportQuery>;
