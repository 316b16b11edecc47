import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        // Projects with different maxWorkers must run in separate groups: without these, `vitest run` of
        // both projects stopped before running anything, with exit code 0.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", sequence: { groupOrder: 0 } },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // One embedded PostgreSQL for the run; each suite gets its own database (tests/helpers/db.ts).
          globalSetup: ["tests/helpers/global-setup.ts"],
          // The suites exercise a demo store (the test payment provider, the dev mailbox); production-mode
          // behaviour is tested by switching STORE_MODE per test (vi.stubEnv).
          env: { STORE_MODE: "demo" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // 2 cores: more workers only contend for the same CPU and PostgreSQL.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
