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
          // behaviour is tested by switching STORE_MODE per test (vi.stubEnv). A search waits for the engine
          // longer than a shopper's 1.5 s: on a loaded 2-core machine an engine answer can take that long,
          // and the PostgreSQL fallback would then answer where a suite checks the engine's. The fallback
          // is tested by stopping the engine, which fails at once.
          env: { STORE_MODE: "demo", MEILI_SEARCH_TIMEOUT_MS: "30000" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // 2 cores: more workers only contend for the same CPU and PostgreSQL.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          // npm run test:instances: two web servers and two workers on shared services, through HTTP
          // (tests/instances/cluster.ts). Its own group: it builds the app and uses every core.
          name: "instances",
          include: ["tests/instances/**/*.test.ts"],
          environment: "node",
          env: { STORE_MODE: "demo" },
          // Generous: on a loaded 2-core machine the build alone has taken 8 minutes, check 7 over 5. Every
          // wait inside is a condition polled until it holds; these only stop a hung run.
          testTimeout: 1_200_000,
          hookTimeout: 1_800_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
