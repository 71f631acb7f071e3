import { listConsentEvents, appendConsentEvent } from "../clients/repository.js";
import { localDate } from "../clients/service.js";
import { lockRow } from "../db/concurrency.js";
import type { Executor } from "../db/database.js";
import type { SignedConsentKind } from "../db/schema.js";
import { newId } from "../shared/ids.js";
import type { PracticeScope } from "../shared/scope.js";
import * as repo from "./repository.js";

/**
 * Signed consents and their withdrawal. A signature keeps the text version and SHA-256 it was
 * given on, the typed name, the time and the address. Consent to anonymised case reports is also
 * the client's consent event of that kind (clients/), which is what case reports check, so a
 * signature that gives it and a withdrawal that takes it back each append one there too.
 */

export const SIGNED_CONSENT_KINDS: readonly { kind: SignedConsentKind; label: string }[] = [
  { kind: "treatment", label: "Treatment" },
  { kind: "data_processing", label: "Keeping and using their information for their care" },
  { kind: "case_reports", label: "Anonymised case reports" },
];

export interface SignatureView {
  id: string;
  signedAt: string;
  signedName: string;
  ip: string | null;
  text: { version: number; sha256: string; body: string | null };
  consents: { kind: SignedConsentKind; given: boolean; withdrawnAt: string | null }[];
}

export async function signatureViews(db: Executor, scope: PracticeScope, clientId: string): Promise<SignatureView[]> {
  const [signatures, withdrawals] = await Promise.all([
    repo.listSignatures(db, scope, clientId),
    repo.listWithdrawals(db, scope, clientId),
  ]);
  const views: SignatureView[] = [];
  for (const s of signatures) {
    const text = await repo.findConsentText(db, scope, s.text_id);
    views.push({
      id: s.id,
      signedAt: s.signed_at,
      signedName: s.signed_name,
      ip: s.ip,
      text: { version: Number(s.text_version), sha256: s.text_sha256, body: text?.body ?? null },
      consents: SIGNED_CONSENT_KINDS.map(({ kind }) => ({
        kind,
        given: givenIn(s, kind),
        withdrawnAt: withdrawals.find((w) => w.signature_id === s.id && w.kind === kind)?.withdrawn_at ?? null,
      })),
    });
  }
  return views;
}

function givenIn(s: repo.SignatureRow, kind: SignedConsentKind): boolean {
  return Number(kind === "treatment" ? s.treatment : kind === "data_processing" ? s.data_processing : s.case_reports) === 1;
}

/** What the client can still withdraw: each kind given in their latest signature and not withdrawn since. */
export async function withdrawableConsents(db: Executor, scope: PracticeScope, clientId: string): Promise<SignedConsentKind[]> {
  const latest = (await signatureViews(db, scope, clientId))[0];
  const kinds = new Set<SignedConsentKind>(latest?.consents.filter((c) => c.given && c.withdrawnAt === null).map((c) => c.kind) ?? []);
  // Case-report consent may also have been recorded by the practice; the latest event decides.
  const caseReports = (await listConsentEvents(db, scope, clientId)).filter((e) => e.kind === "anonymised_case_reports").at(-1);
  if (caseReports?.granted === 1) kinds.add("case_reports");
  else kinds.delete("case_reports");
  return SIGNED_CONSENT_KINDS.map((k) => k.kind).filter((k) => kinds.has(k));
}

/**
 * Withdraws consents as the client's own act (through their intake or unsubscribe link), in the
 * caller's transaction. Withdrawing what is already withdrawn changes nothing. Returns the kinds
 * withdrawn now.
 */
export async function withdrawConsents(
  tx: Executor,
  scope: PracticeScope,
  clientId: string,
  kinds: readonly SignedConsentKind[],
  at: Date,
  ip: string | null,
): Promise<SignedConsentKind[]> {
  if (!(await lockRow(tx, "client", scope, clientId))) return [];
  const client = await tx
    .selectFrom("client")
    .select("time_zone")
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", clientId)
    .executeTakeFirst();
  const open = new Set(await withdrawableConsents(tx, scope, clientId));
  const latest = (await repo.listSignatures(tx, scope, clientId))[0];
  const done: SignedConsentKind[] = [];
  for (const kind of kinds) {
    if (!open.has(kind)) continue;
    if (latest && givenIn(latest, kind)) {
      const already = (await repo.listWithdrawals(tx, scope, clientId)).some((w) => w.signature_id === latest.id && w.kind === kind);
      if (!already) {
        await repo.insertWithdrawal(tx, scope, {
          id: newId(),
          client_id: clientId,
          signature_id: latest.id,
          kind,
          withdrawn_at: at.toISOString(),
          ip,
          source: "client_link",
        });
      }
    }
    if (kind === "case_reports") await appendCaseReportConsent(tx, scope, clientId, false, at, client?.time_zone ?? "UTC");
    done.push(kind);
  }
  return done;
}

/** Appends the client's own case-report consent event (given on signing, or withdrawn). */
export async function appendCaseReportConsent(
  tx: Executor,
  scope: PracticeScope,
  clientId: string,
  granted: boolean,
  at: Date,
  timeZone: string,
): Promise<void> {
  await appendConsentEvent(tx, scope, {
    id: newId(),
    client_id: clientId,
    kind: "anonymised_case_reports",
    granted: granted ? 1 : 0,
    effective_on: localDate(at, timeZone),
    recorded_at: at.toISOString(),
    recorded_by: null,
    source: "client_link",
  });
  await tx
    .updateTable("client")
    .set((eb) => ({ version: eb("version", "+", 1), updated_at: at.toISOString(), updated_by: null }))
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", clientId)
    .execute();
}
