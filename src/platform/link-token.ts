import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe: the check-in link's only credential. */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What is stored and looked up: the token's SHA-256 in hex (the token has full entropy, so no salt is needed). */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Tokens we issue are exactly 43 base64url characters; anything else is not looked up. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
