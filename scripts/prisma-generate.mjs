// Generates the Prisma client (lib/generated/prisma) on install.
// The `prisma-client` generator needs no engine, but the CLI looks for a schema engine binary first and
// tries to download one when it is missing, which fails offline. Pointing PRISMA_SCHEMA_ENGINE_BINARY at
// any existing file skips that download; generation itself never runs the binary.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = fileURLToPath(import.meta.url);
}
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
