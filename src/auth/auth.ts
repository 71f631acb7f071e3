import { betterAuth } from "better-auth";
import { twoFactor } from "better-auth/plugins/two-factor";
import type { AppConfig } from "../platform/config.js";
import { MIN_PASSWORD_LENGTH } from "../platform/password-strength.js";
import type { Database } from "../db/database.js";

/** A session ends after this long without a request (sliding window). */
export const SESSION_IDLE_SECONDS = 2 * 60 * 60;
/** A session ends this long after sign-in, however active it is. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
/** How often an active session's idle deadline is pushed forward. */
const SESSION_REFRESH_SECONDS = 5 * 60;

/** Header through which the server tells better-auth the socket's address; any client copy is dropped first. */
export const CLIENT_IP_HEADER = "x-palpable-client-ip";

export type Auth = ReturnType<typeof createAuth>;

/**
 * better-auth, configured for a clinic: no public sign-up (owners add practitioners), scrypt
 * password hashes, Secure + HttpOnly + SameSite=Lax cookies, sliding idle expiry, rate-limited
 * sign-in, and TOTP two-factor. Absolute expiry is enforced in `session.ts`.
 */
export function createAuth(options: {
  database: Database;
  config: Pick<AppConfig, "baseUrl" | "signInAttemptsPerMinute">;
  secret: string;
  trustedOrigins: string[];
}) {
  const { database, config, secret } = options;
  const perMinute = { window: 60, max: config.signInAttemptsPerMinute };
  return betterAuth({
    appName: "Palpable",
    baseURL: config.baseUrl,
    basePath: "/api/auth",
    secret,
    trustedOrigins: options.trustedOrigins,
    telemetry: { enabled: false },
    logger: { level: "error" },
    database: { db: database.db, type: database.dialect },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
      autoSignIn: false,
    },
    user: {
      modelName: "auth_user",
      fields: { emailVerified: "email_verified", createdAt: "created_at", updatedAt: "updated_at" },
    },
    session: {
      modelName: "auth_session",
      fields: {
        expiresAt: "expires_at",
        createdAt: "created_at",
        updatedAt: "updated_at",
        ipAddress: "ip_address",
        userAgent: "user_agent",
        userId: "user_id",
      },
      expiresIn: SESSION_IDLE_SECONDS,
      updateAge: SESSION_REFRESH_SECONDS,
    },
    account: {
      modelName: "auth_account",
      fields: {
        accountId: "account_id",
        providerId: "provider_id",
        userId: "user_id",
        accessToken: "access_token",
        refreshToken: "refresh_token",
        idToken: "id_token",
        accessTokenExpiresAt: "access_token_expires_at",
        refreshTokenExpiresAt: "refresh_token_expires_at",
        createdAt: "created_at",
        updatedAt: "updated_at",
      },
    },
    verification: {
      modelName: "auth_verification",
      fields: { expiresAt: "expires_at", createdAt: "created_at", updatedAt: "updated_at" },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "auth_rate_limit",
      fields: { lastRequest: "last_request" },
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": perMinute,
        "/two-factor/verify-totp": perMinute,
        "/two-factor/verify-backup-code": perMinute,
        "/change-password": perMinute,
      },
    },
    advanced: {
      useSecureCookies: true,
      cookiePrefix: "palpable",
      defaultCookieAttributes: { httpOnly: true, secure: true, sameSite: "lax" },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    plugins: [
      twoFactor({
        issuer: "Palpable",
        schema: {
          user: { fields: { twoFactorEnabled: "two_factor_enabled" } },
          twoFactor: {
            modelName: "auth_two_factor",
            fields: {
              backupCodes: "backup_codes",
              userId: "user_id",
              failedVerificationCount: "failed_verification_count",
              lockedUntil: "locked_until",
            },
          },
        },
      }),
    ],
  });
}
