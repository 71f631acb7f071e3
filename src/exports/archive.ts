import { Readable } from "node:stream";
import yazl from "yazl";
import type { Actor } from "../shared/scope.js";
import type { TrainingFileRow } from "../training/repository.js";
import { csvDocument } from "./csv.js";
import { attachment, safeEntryName, uniqueNames } from "./file-names.js";
import { listClientTrainingFiles } from "./repository.js";
import { assertMayExportClient, buildClientBundle, clientSlug, loadRecords, type Download, type ExportDeps } from "./service.js";
import { CSV_KINDS, csvTable } from "./tables.js";

export const TRAINING_FOLDER = "training-files";

/**
 * Everything about one client as a zip, written while it is sent: the FHIR bundle, the four CSVs
 * narrowed to the client, and the raw training files exactly as uploaded. Each raw file is read
 * from the blob store only when the zip reaches it, so one file at a time is in memory.
 */
export async function clientArchive(deps: ExportDeps, actor: Actor, clientId: string): Promise<Download<Readable>> {
  const scope = actor;
  await assertMayExportClient(deps, actor, clientId);
  const now = deps.clock.now();
  const { bundle, client } = await buildClientBundle(deps, scope, clientId);
  const csvs = await Promise.all(
    CSV_KINDS.map(async (kind) => ({ kind, text: csvDocument(csvTable(kind, await loadRecords(deps, scope, kind, clientId))) })),
  );
  const files = await listClientTrainingFiles(deps.database.db, scope, clientId);
  const present: TrainingFileRow[] = [];
  const missing: TrainingFileRow[] = [];
  for (const file of files) ((await deps.blobs.has(scope, file.sha256)) ? present : missing).push(file);
  const names = uniqueNames(present.map((f) => safeEntryName(f.file_name, `${f.sha256.slice(0, 12)}.${f.format}`)));

  const zip = new yazl.ZipFile();
  const options = { mtime: now, compress: true };
  zip.addBuffer(Buffer.from(readme(`${client.firstName} ${client.lastName}`, now, present.length, missing), "utf8"), "README.txt", options);
  zip.addBuffer(Buffer.from(JSON.stringify(bundle, null, 2), "utf8"), "fhir-bundle.json", options);
  for (const { kind, text } of csvs) zip.addBuffer(Buffer.from(text, "utf8"), `${kind}.csv`, options);
  present.forEach((file, index) => {
    zip.addReadStreamLazy(`${TRAINING_FOLDER}/${names[index] ?? file.sha256}`, { ...options, compress: false }, (done) => {
      deps.blobs.get(scope, file.sha256).then(
        (bytes) => done(null, Readable.from([Buffer.from(bytes)])),
        (error: unknown) => done(error, Readable.from([])),
      );
    });
  });
  zip.end();
  return {
    body: Readable.from(zip.outputStream),
    contentType: "application/zip",
    contentDisposition: attachment(`palpable-${clientSlug(client)}-${now.toISOString().slice(0, 10)}.zip`),
    audit: {
      resourceId: clientId,
      clientId,
      detail: { resources: bundle.entry.length, trainingFiles: present.length, missingFiles: missing.length },
    },
  };
}

function readme(clientName: string, now: Date, fileCount: number, missing: readonly TrainingFileRow[]): string {
  const lines = [
    `Palpable export for ${clientName}`,
    `Made ${now.toISOString()}`,
    "",
    "fhir-bundle.json",
    "  The client's record as a FHIR R4 Bundle (type collection), for other health systems:",
    "  Patient; the Practitioners who saw them; an Encounter per session; a Procedure per",
    "  technique step; Observations for the session's pain and tightness ratings and for each",
    "  palpation finding (body site, grade per quality); a Questionnaire per check-in measure;",
    "  a QuestionnaireResponse per measure answered in a check-in, and an Observation per score.",
    "  Codes are Palpable's own (https://palpable.app/fhir/CodeSystem/...), with SNOMED CT body",
    "  structures and LOINC codes added only where they have been checked.",
    "",
    "sessions.csv     one row per treatment session",
    "measures.csv     one row per measurement: session pain/tightness, check-in answers and scores",
    "checkins.csv     one row per scheduled check-in, with its state and answer versions",
    "activities.csv   one row per imported training activity, with the file it came from",
    "  UTF-8 with a byte-order mark, comma-separated (RFC 4180), dates and times in ISO 8601 (UTC).",
    "  Text that a spreadsheet would run as a formula (starting with = + - @) starts with ' instead.",
    "",
    `${TRAINING_FOLDER}/`,
    `  The ${fileCount} training file(s) exactly as they were uploaded (FIT, GPX or TCX, possibly gzipped),`,
    "  under their original names; a name used twice gets (2), (3), ... before its extension.",
  ];
  if (missing.length > 0) {
    lines.push("", "Files recorded but not found in storage (not included):");
    for (const file of missing) lines.push(`  ${file.file_name} (SHA-256 ${file.sha256})`);
  }
  return `${lines.join("\r\n")}\r\n`;
}
