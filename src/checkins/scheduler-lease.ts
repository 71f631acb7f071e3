import { createHash } from "node:crypto";
import pg from "pg";

/**
 * Which server may run the check-in scheduler. Only the holder sends, and it treats messages left
 * "sending" as interrupted only when it becomes the holder: with one holder at a time, such a
 * row can only belong to a holder that has gone.
 */
export interface SchedulerLease {
  /** True while this server holds the lease; tries to take it when free. Never throws. */
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

/** SQLite: the data-directory lock already makes this server the only one. */
export const soleServerLease: SchedulerLease = {
  acquire: () => Promise.resolve(true),
  release: () => Promise.resolve(),
};

/**
 * PostgreSQL: a session-level advisory lock on a connection of its own, keyed by the schema, so
 * several servers on one database elect one scheduler. If the holder dies or its connection
 * drops, PostgreSQL frees the lock and another server takes it on its next tick.
 */
export function postgresLease(url: string, schema: string | undefined): SchedulerLease {
  const [high, low] = lockKeys(`palpable-checkin-scheduler:${schema ?? "public"}`);
  let client: pg.Client | undefined;
  let held = false;

  const drop = async (): Promise<void> => {
    held = false;
    const old = client;
    client = undefined;
    await old?.end().catch(() => undefined);
  };

  return {
    async acquire() {
      if (held && client) return true;
      try {
        if (!client) {
          const fresh = new pg.Client({ connectionString: url });
          // A lost connection loses the lock with it; the next tick reconnects and tries again.
          fresh.on("error", () => {
            if (client === fresh) void drop();
          });
          client = fresh;
          await fresh.connect();
        }
        const result = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1, $2) as ok", [high, low]);
        held = result.rows[0]?.ok === true;
        return held;
      } catch {
        await drop();
        return false;
      }
    },
    release: drop,
  };
}

/** Two signed 32-bit integers from a name, for pg_try_advisory_lock(int, int). */
function lockKeys(name: string): [number, number] {
  const digest = createHash("sha256").update(name).digest();
  return [digest.readInt32BE(0), digest.readInt32BE(4)];
}
