// The search tuning a seller edits in /admin/search: curated synonym groups and the colour family of each
// colour. Reading is for staff, changing for administrators. Every change is one transaction with its
// audit entry and the outbox event that carries it to the engine: a synonym change queues the index
// settings (search.settings.apply), a colour family change re-indexes the products sold in that colour
// (their documents carry the family). The web process picks the change up for query understanding when its
// vocabulary cache refreshes (within a minute).
import { z } from "zod";
import { idSchema } from "@/lib/ids";
import type { Db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/log";
import { hasRole, type Role } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import { COLOUR_FAMILY_KEYS, colourKey, familyOfColour, familySource, type ColourFamilyKey } from "./colour-families";
import { COLOUR_OPTION_NAMES } from "./facets";
import { enqueueProductsReindex, enqueueSearchSettingsUpdate } from "@/lib/outbox/search-reindex";
import { categoriesOfGroup, categoryNameTerms, inflections, normaliseTerm } from "./synonyms";

interface Actor {
  id: string;
  role: Role;
}

export const MAX_TERMS = 20;
const MAX_TERM_LENGTH = 60;
const TERM = /^[\p{L}\p{N}][\p{L}\p{N} '-]*$/u;

const id = idSchema();

/** "chinos, pants,  Trousers" (commas or new lines) -> ["chinos", "pants", "trousers"]. */
const termsField = z
  .string({ message: "Enter the words, separated by commas." })
  .max(2_000, "That is too long.")
  .transform((text) => [...new Set(text.split(/[,\n]/).map(normaliseTerm).filter(Boolean))])
  .pipe(
    z
      .array(
        z
          .string()
          .max(MAX_TERM_LENGTH, `Keep each word under ${MAX_TERM_LENGTH} characters.`)
          .regex(TERM, "Use letters, digits, spaces, hyphens and apostrophes only."),
      )
      .min(1, "Enter at least one word.")
      .max(MAX_TERMS, `At most ${MAX_TERMS} words in a group.`),
  );

const categoryField = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined)
  .pipe(idSchema({ invalid: "Unknown category." }).optional())
  .transform((value) => value ?? null);

export const synonymGroupInput = z
  .object({ terms: termsField, categoryId: categoryField })
  .refine((group) => group.terms.length >= 2 || group.categoryId !== null, {
    message: "Enter at least two words, or one word and the category it names.",
    path: ["terms"],
  });

export const updateSynonymGroupInput = synonymGroupInput.and(z.object({ id }));
export const deleteSynonymGroupInput = z.object({ id });

export const colourFamilyInput = z.object({
  colour: z
    .string()
    .trim()
    .min(1, "Choose a colour.")
    .max(100)
    .transform(colourKey)
    .pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N} '/&-]*$/u, "Invalid colour name.")),
  // Empty: no row, the family comes from the colour's name again.
  family: z.union([z.enum(COLOUR_FAMILY_KEYS as [ColourFamilyKey, ...ColourFamilyKey[]]), z.literal("")], {
    message: "Choose a colour family.",
  }),
});

function requireAdmin(actor: Actor) {
  if (!hasRole(actor.role, "ADMIN")) throw new UserError("forbidden", "Only administrators can change search tuning.");
}

async function requireCategory(db: Db, categoryId: string | null) {
  if (categoryId && !(await db.category.findUnique({ where: { id: categoryId }, select: { id: true } }))) {
    throw new UserError("category_not_found", "That category no longer exists.");
  }
}

// ---------------------------------------------------------------------------------------------
// Reading (staff)

export interface SynonymGroupRow {
  id: string;
  terms: string[];
  /** The category an admin chose. */
  categoryId: string | null;
  /** The categories the words name (the chosen one, or found from category names). */
  names: { id: string; name: string }[];
  updatedAt: Date;
}

export async function listSynonymGroups(db: Db): Promise<SynonymGroupRow[]> {
  const [rows, categories] = await Promise.all([
    db.searchSynonym.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.category.findMany({ select: { id: true, slug: true, name: true, parentId: true } }),
  ]);
  const byId = new Map(categories.map((category) => [category.id, category]));
  return rows.map((row) => ({
    id: row.id,
    terms: row.terms,
    categoryId: row.categoryId,
    names: categoriesOfGroup(row, categories).map((categoryId) => ({
      id: categoryId,
      name: byId.get(categoryId)?.name ?? categoryId,
    })),
    updatedAt: row.updatedAt,
  }));
}

/** The words each category's own name gives it (synonyms generated from the catalog, not editable). */
export async function listCatalogWords(db: Db): Promise<{ category: string; words: string[] }[]> {
  const categories = await db.category.findMany({ select: { name: true }, orderBy: [{ name: "asc" }] });
  return categories
    .map((category) => ({
      category: category.name,
      words: [...new Set(categoryNameTerms(category.name).flatMap((term) => inflections(term)))],
    }))
    .filter((entry) => entry.words.length > 0);
}

export interface ColourFamilyRow {
  /** As variants spell it (or the stored key for a mapping of a colour no variant uses). */
  colour: string;
  family: ColourFamilyKey | null;
  source: "table" | "name" | "none";
  products: number;
}

/** Every colour the catalog's variants come in, with its family and where that comes from. */
export async function listColourFamilies(db: Db): Promise<ColourFamilyRow[]> {
  const [mappingRows, colourRows] = await Promise.all([
    db.colourFamilyMapping.findMany({ select: { colour: true, family: true } }),
    db.$queryRaw<{ colour: string; products: number }[]>`
      SELECT min(pov."value") AS "colour", count(DISTINCT po."productId")::int AS "products"
        FROM "ProductOptionValue" pov
        JOIN "ProductOption" po ON po."id" = pov."optionId"
       WHERE lower(po."name") = ANY(${[...COLOUR_OPTION_NAMES]}::text[])
       GROUP BY lower(btrim(pov."value"))`,
  ]);
  const mapping = new Map(mappingRows.map((row) => [row.colour, row.family]));
  const rows: ColourFamilyRow[] = colourRows.map((row) => ({
    colour: row.colour,
    family: familyOfColour(row.colour, mapping),
    source: familySource(row.colour, mapping),
    products: row.products,
  }));
  const seen = new Set(rows.map((row) => colourKey(row.colour)));
  for (const row of mappingRows) {
    if (!seen.has(row.colour))
      rows.push({ colour: row.colour, family: familyOfColour(row.colour, mapping), source: "table", products: 0 });
  }
  return rows.sort((a, b) => a.colour.localeCompare(b.colour));
}

// ---------------------------------------------------------------------------------------------
// Changing (admin)

export async function createSynonymGroup(db: Db, actor: Actor, input: z.output<typeof synonymGroupInput>) {
  requireAdmin(actor);
  await requireCategory(db, input.categoryId);
  return db.$transaction(async (tx) => {
    const row = await tx.searchSynonym.create({ data: { terms: input.terms, categoryId: input.categoryId } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "search.synonym.create",
      entityType: "SearchSynonym",
      entityId: row.id,
      data: { terms: input.terms, categoryId: input.categoryId },
    });
    await enqueueSearchSettingsUpdate(tx);
    return row;
  });
}

export async function updateSynonymGroup(db: Db, actor: Actor, input: z.output<typeof updateSynonymGroupInput>) {
  requireAdmin(actor);
  await requireCategory(db, input.categoryId);
  return db.$transaction(async (tx) => {
    const before = await tx.searchSynonym.findUnique({ where: { id: input.id } });
    if (!before) throw new UserError("not_found", "That synonym group no longer exists.");
    const row = await tx.searchSynonym.update({
      where: { id: input.id },
      data: { terms: input.terms, categoryId: input.categoryId },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "search.synonym.update",
      entityType: "SearchSynonym",
      entityId: row.id,
      data: {
        from: { terms: before.terms, categoryId: before.categoryId },
        to: { terms: input.terms, categoryId: input.categoryId },
      },
    });
    await enqueueSearchSettingsUpdate(tx);
    return row;
  });
}

export async function deleteSynonymGroup(db: Db, actor: Actor, input: z.output<typeof deleteSynonymGroupInput>) {
  requireAdmin(actor);
  await db.$transaction(async (tx) => {
    const deleted = await tx.searchSynonym.deleteMany({ where: { id: input.id } });
    if (deleted.count === 0) throw new UserError("not_found", "That synonym group no longer exists.");
    await writeAudit(tx, {
      actorId: actor.id,
      action: "search.synonym.delete",
      entityType: "SearchSynonym",
      entityId: input.id,
    });
    await enqueueSearchSettingsUpdate(tx);
  });
}

/**
 * Sets (or, with an empty family, clears) a colour's family, and queues the products sold in that colour
 * for re-indexing so their documents carry the new family. Returns how many were queued.
 */
export async function setColourFamily(
  db: Db,
  actor: Actor,
  input: z.output<typeof colourFamilyInput>,
): Promise<{ reindexed: number }> {
  requireAdmin(actor);
  return db.$transaction(async (tx) => {
    const before = await tx.colourFamilyMapping.findUnique({ where: { colour: input.colour } });
    if (input.family === "") {
      await tx.colourFamilyMapping.deleteMany({ where: { colour: input.colour } });
    } else {
      await tx.colourFamilyMapping.upsert({
        where: { colour: input.colour },
        create: { colour: input.colour, family: input.family },
        update: { family: input.family },
      });
    }
    if ((before?.family ?? "") === input.family) return { reindexed: 0 };
    await writeAudit(tx, {
      actorId: actor.id,
      action: "search.colour_family.set",
      entityType: "ColourFamilyMapping",
      entityId: input.colour,
      data: { from: before?.family ?? null, to: input.family || null },
    });
    const products = await tx.$queryRaw<{ productId: string }[]>`
      SELECT DISTINCT po."productId" AS "productId"
        FROM "ProductOptionValue" pov
        JOIN "ProductOption" po ON po."id" = pov."optionId"
       WHERE lower(po."name") = ANY(${[...COLOUR_OPTION_NAMES]}::text[])
         AND lower(btrim(pov."value")) = ${input.colour}`;
    await enqueueProductsReindex(
      tx,
      products.map((row) => row.productId),
    );
    return { reindexed: products.length };
  });
}
