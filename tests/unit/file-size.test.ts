// Small modules are a rule of docs/architecture.md: a lib/ file over 400 lines is doing more than one
// thing and should be split where its parts meet. Seed data (the demo catalog's tables) is data, not
// logic, and is exempt; the Prisma client in lib/generated is generated.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MAX_LINES = 400;
const EXEMPT = new Set(["lib/seed/catalog-data.ts"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return relative === "lib/generated" ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

it(`no lib/ file is longer than ${MAX_LINES} lines, seed data aside`, () => {
  const files = sourceFiles("lib");
  expect(files.length).toBeGreaterThan(100);
  const tooLong = files
    .filter((file) => !EXEMPT.has(file))
    .map((file) => ({ file, lines: readFileSync(path.join(ROOT, file), "utf8").split("\n").length }))
    .filter(({ lines }) => lines > MAX_LINES);
  expect(tooLong).toEqual([]);
});
