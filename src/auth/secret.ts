import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { makePrivateDirSync } from "../platform/storage/private-files.js";

/**
 * The key that signs session cookies and encrypts two-factor secrets. PALPABLE_SECRET wins;
 * otherwise a random key is made on first start and kept (owner-readable only) in the data dir,
 * so `npm start` needs no configuration. Several servers sharing one PostgreSQL must share it.
 */
export function loadAuthSecret(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv !== undefined && fromEnv !== "") {
    if (fromEnv.length < 32) throw new Error("PALPABLE_SECRET must be at least 32 characters long");
    return fromEnv;
  }
  const file = path.join(dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  makePrivateDirSync(dataDir);
  const secret = randomBytes(32).toString("base64url");
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
    throw error;
  }
}
