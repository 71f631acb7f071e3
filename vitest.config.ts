import { defineConfig } from "vitest/config";

/**
 * Three projects:
 * - unit: pure functions (parsers, statistics, validation), no I/O beyond memory.
 * - integration: the real HTTP app on a real database (SQLite always; PostgreSQL when DATABASE_URL is set).
 * - e2e: real Chromium against a real server process.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "bin/**/*.test.ts", "test/lint/**/*.test.ts"],
          exclude: ["src/**/*.int.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["src/**/*.int.test.ts", "test/integration/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
