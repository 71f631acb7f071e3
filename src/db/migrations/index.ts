import { authTables } from "./20261128_0001_auth_tables.js";
import { practices } from "./20261128_0002_practices.js";
import { clients } from "./20261128_0003_clients.js";
import { clientConsents } from "./20261128_0004_client_consents.js";
import { training } from "./20261128_0005_training.js";
import type { PalpableMigration } from "./types.js";

/** Every migration, by name. Names sort in the order they run; never rename or edit a shipped one. */
export const migrations: Record<string, PalpableMigration> = {
  "20261128_0001_auth_tables": authTables,
  "20261128_0002_practices": practices,
  "20261128_0003_clients": clients,
  "20261128_0004_client_consents": clientConsents,
  "20261128_0005_training": training,
};
