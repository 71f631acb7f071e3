import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * A backup's manifest is signed with a key derived from the installation's secret (the one that
 * signs session cookies), so a manifest recomputed to cover a swapped database does not verify.
 * The key is derived rather than the secret used directly, so the signature says nothing about
 * session keys. What it proves depends on where the restore gets the key from: PALPABLE_SECRET or
 * the target data dir's own secret prove the archive came from this installation unaltered; on a
 * brand-new data dir the only key is the one inside the archive, which proves only that the
 * archive is as it was written (see docs/DECISIONS.md).
 */
function manifestKey(secret: string): Buffer {
  return createHmac("sha256", secret).update("palpable backup manifest v1").digest();
}

/** A short, non-secret name for the key, so a refusal can say "made by another installation". */
export function keyId(secret: string): string {
  return createHash("sha256").update(manifestKey(secret)).digest("hex").slice(0, 12);
}

export interface ManifestSignature {
  algorithm: "HMAC-SHA256";
  keyId: string;
  signature: string;
}

export function signManifest(manifestText: string, secret: string): ManifestSignature {
  return {
    algorithm: "HMAC-SHA256",
    keyId: keyId(secret),
    signature: createHmac("sha256", manifestKey(secret)).update(manifestText, "utf8").digest("hex"),
  };
}

export function manifestSignatureMatches(manifestText: string, signature: ManifestSignature, secret: string): boolean {
  const expected = Buffer.from(signManifest(manifestText, secret).signature, "hex");
  const given = Buffer.from(signature.signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
