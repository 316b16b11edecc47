import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;

/** A client for one database URL. Scripts and tests that need their own database use this. */
export function createPrismaClient(url: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: options.max ?? 10 });
  // Secrets never leave lib/ by accident: password hashes are omitted unless asked for explicitly.
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the store with `npm start` (which starts the embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  return url;
}

/** The app's shared client, created on first use (so importing this module never needs a database). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    globalForPrisma.__prisma ??= createPrismaClient(databaseUrl(), {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    });
    const value = Reflect.get(globalForPrisma.__prisma, property);
    return typeof value === "function" ? value.bind(globalForPrisma.__prisma) : value;
  },
});
