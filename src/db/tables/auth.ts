/** better-auth's tables, in our naming; it reads instants and flags in the dialect's native types. */

type AuthInstant = Date | string;
type AuthFlag = boolean | number;

export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
  email_verified: AuthFlag;
  image: string | null;
  created_at: AuthInstant;
  updated_at: AuthInstant;
  two_factor_enabled: AuthFlag | null;
}

export interface AuthSessionTable {
  id: string;
  expires_at: AuthInstant;
  token: string;
  created_at: AuthInstant;
  updated_at: AuthInstant;
  ip_address: string | null;
  user_agent: string | null;
  user_id: string;
}

export interface AuthAccountTable {
  id: string;
  account_id: string;
  provider_id: string;
  user_id: string;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  access_token_expires_at: AuthInstant | null;
  refresh_token_expires_at: AuthInstant | null;
  scope: string | null;
  password: string | null;
  created_at: AuthInstant;
  updated_at: AuthInstant;
}

export interface AuthVerificationTable {
  id: string;
  identifier: string;
  value: string;
  expires_at: AuthInstant;
  created_at: AuthInstant;
  updated_at: AuthInstant;
}

export interface AuthTwoFactorTable {
  id: string;
  secret: string;
  backup_codes: string;
  user_id: string;
  verified: AuthFlag | null;
  failed_verification_count: number | null;
  locked_until: AuthInstant | null;
}

export interface AuthRateLimitTable {
  id: string;
  key: string;
  count: number;
  last_request: number;
}
