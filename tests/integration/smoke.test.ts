import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

describe("test database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("smoke");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("is a real, migrated PostgreSQL", async () => {
    const rows = await db.prisma.$queryRaw<{ version: string }[]>`SELECT version()`;
    expect(rows[0]?.version).toMatch(/PostgreSQL/);
    expect(await db.prisma.product.count()).toBe(0);
  });
});
