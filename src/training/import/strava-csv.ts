import { parse } from "csv-parse/sync";

/** What Strava's activities.csv tells us about one file of its export. */
export interface StravaActivityInfo {
  name: string | null;
  type: string | null;
}

/**
 * Reads Strava's bulk-export activities.csv into a map from the file's path in the export
 * (e.g. "activities/4242.fit.gz") to its name and type.
 *
 * Strava's headers follow the account's language and repeat names (the first "Distance" is km,
 * a later one metres), so columns are never found by header text: the file column is the one
 * whose values look like "activities/…", and name and type are the third and fourth columns,
 * where every export language puts them. Rows are read as arrays for the same reason.
 */
export function readStravaActivitiesCsv(bytes: Uint8Array): Map<string, StravaActivityInfo> {
  const rows: string[][] = parse(Buffer.from(bytes), { bom: true, relax_column_count: true, skip_empty_lines: true });
  const [, ...data] = rows;
  const fileColumn = findFileColumn(data);
  const byFile = new Map<string, StravaActivityInfo>();
  if (fileColumn === undefined) return byFile;
  for (const row of data) {
    const file = row[fileColumn]?.trim();
    if (!file) continue;
    byFile.set(normaliseExportPath(file), { name: nonEmpty(row[2]), type: nonEmpty(row[3]) });
  }
  return byFile;
}

function findFileColumn(rows: string[][]): number | undefined {
  const width = Math.max(0, ...rows.slice(0, 50).map((r) => r.length));
  for (let column = width - 1; column >= 0; column--) {
    if (rows.slice(0, 50).some((r) => /^activities\/[^/]+\.(fit|gpx|tcx)(\.gz)?$/i.test(r[column]?.trim() ?? ""))) return column;
  }
  return undefined;
}

/** "export_123.zip/activities/9.fit.gz" and "activities/9.fit.gz" name the same file. */
export function normaliseExportPath(name: string): string {
  const match = /(?:^|\/)(activities\/[^/]+)$/i.exec(name.replace(/\\/g, "/"));
  return (match?.[1] ?? name).toLowerCase();
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
