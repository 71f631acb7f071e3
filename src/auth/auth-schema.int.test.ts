import { getMigrations } from "better-auth/db/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database.js";
import { createAuth } from "./auth.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.cleanup());

describe("auth tables", () => {
  it("are exactly what better-auth expects, so our migrations are the only schema source", async () => {
    const auth = createAuth({
      database: db.database,
      config: { baseUrl: "http://localhost:3000", signInAttemptsPerMinute: 10 },
      secret: "test-secret-test-secret-test-secret-0123",
      trustedOrigins: [],
    });
    const { toBeCreated, toBeAdded } = await getMigrations(auth.options);
    expect(toBeCreated.map((t) => t.table)).toEqual([]);
    expect(toBeAdded.map((t) => `${t.table}: ${Object.keys(t.fields).join(", ")}`)).toEqual([]);
  });
});
