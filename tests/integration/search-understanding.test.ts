// The rules of query understanding and of search tuning, on the demo catalog in a real PostgreSQL and a
// real Meilisearch: which words become which filters (read against the catalog's own vocabulary), what a
// search does with a filter that would leave nothing, and the admin's tuning (synonym groups, colour
// families): administrators only, garbage refused with nothing written, every change audited and carried
// to the engine by the outbox, after which searches use it.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { meilisearchAvailable, startTestMeilisearch, type TestMeilisearch } from "../helpers/meilisearch";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { claimProcessBatch } from "@/lib/outbox";
import { seedDemoCatalog } from "@/lib/seed";
import type { SearchEngine } from "@/lib/search/client";
import { buildLexicon, type Lexicon } from "@/lib/search/lexicon";
import { EMPTY_REQUEST, SEARCH_PAGE_SIZE, type SearchRequest } from "@/lib/search/params";
import { prepareSearch, searchProducts } from "@/lib/search/query";
import { recoveryKey, rememberRecovery, type RecoveryHint } from "@/lib/search/recovery-memory";
import { reindexAll } from "@/lib/search/reindex";
import { searchOutboxHandlers } from "@/lib/search/sync";
import { SEARCH_SETTINGS_TOPIC, SEARCH_UPSERT_TOPIC } from "@/lib/outbox/topics";
import {
  colourFamilyInput,
  createSynonymGroup,
  deleteSynonymGroup,
  deleteSynonymGroupInput,
  listColourFamilies,
  setColourFamily,
  synonymGroupInput,
  updateSynonymGroup,
  updateSynonymGroupInput,
} from "@/lib/search/tuning";
import { understandQuery, type UnderstoodPart } from "@/lib/search/understand";
import { familyOfColour } from "@/lib/search/colour-families";
import { engineSynonyms } from "@/lib/search/synonyms";
import { loadSearchVocabulary } from "@/lib/search/vocabulary";

describe.skipIf(!meilisearchAvailable())("search understanding and tuning on the demo catalog", () => {
  let database: TestDatabase;
  let meili: TestMeilisearch;
  let uploads: string;
  let db: Db;
  let admin: SearchEngine;
  let searcher: SearchEngine;
  let lexicon: Lexicon;
  let adminUser: { id: string; role: "ADMIN" };
  let staffUser: { id: string; role: "STAFF" };
  const previousUploadDir = process.env.UPLOAD_DIR;

  beforeAll(async () => {
    uploads = await mkdtemp(path.join(os.tmpdir(), "understanding-uploads-"));
    process.env.UPLOAD_DIR = uploads;
    [database, meili] = await Promise.all([createTestDatabase("search_understanding"), startTestMeilisearch()]);
    db = database.prisma;
    await seedDemoCatalog(db, { now: new Date("2026-12-01T12:00:00Z") });
    admin = meili.admin(`${meili.indexPrefix}_products`);
    await reindexAll(db, admin);
    searcher = await meili.searcher(admin.indexName);
    await db.outboxEvent.deleteMany({});
    lexicon = buildLexicon(await loadSearchVocabulary(db));
    const user = async <R extends "ADMIN" | "STAFF">(role: R) => {
      const row = await db.user.create({ data: { email: `${role.toLowerCase()}-${randomUUID()}@example.com`, role } });
      return { id: row.id, role };
    };
    [adminUser, staffUser] = await Promise.all([user("ADMIN"), user("STAFF")]);
  }, 300_000);

  afterAll(async () => {
    await meili?.dispose();
    await database?.drop();
    if (uploads) await rm(uploads, { recursive: true, force: true });
    if (previousUploadDir === undefined) delete process.env.UPLOAD_DIR;
    else process.env.UPLOAD_DIR = previousUploadDir;
  });

  /** The understood parts by kind, e.g. { category: ["boots"], size: ["US 10"] }, and the text left. */
  function read(q: string) {
    const understood = understandQuery(q, lexicon);
    const byKind = (parts: UnderstoodPart[]) => Object.fromEntries(parts.map((part) => [part.kind, part.values]));
    return { text: understood.text, parts: byKind(understood.parts), unknown: byKind(understood.unknown) };
  }

  /** A search with the vocabulary read now (the cached one would not see a tuning change for a minute). */
  async function search(request: Partial<SearchRequest>) {
    return searchProducts(
      { ...EMPTY_REQUEST, ...request },
      { db, engine: async () => searcher, vocabulary: await loadSearchVocabulary(db) },
    );
  }

  async function rejection(promise: Promise<unknown>): Promise<UserError> {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }

  const outbox = () => db.outboxEvent.findMany({ where: { status: "PENDING" }, orderBy: { createdAt: "asc" } });
  const drain = () => claimProcessBatch(db, searchOutboxHandlers(db, admin));

  describe("reading a query", () => {
    it("maps colour words to a family, and a shade the catalog sells to that shade", () => {
      expect(read("blue hoodie")).toMatchObject({ text: "hoodie", parts: { colourFamily: ["blue"] } });
      expect(read("grey sweatshirt").parts.colourFamily).toEqual(["grey"]);
      expect(read("gray hoodies").parts.colourFamily).toEqual(["grey"]);
      expect(read("navy chinos")).toMatchObject({ text: "chinos", parts: { colour: ["Navy"] } });
      expect(read("sky blue tee").parts.colour).toEqual(["Sky Blue"]);
    });

    it("reads sizes as the catalog spells them, and a size nobody sells as unknown", () => {
      expect(read("mens size 10 boots")).toMatchObject({
        text: "boots",
        parts: { size: ["US 10"], audience: ["men"], category: ["boots"] },
      });
      expect(read("hiking boots 10.5").parts.size).toEqual(["US 10.5"]);
      expect(read("xl hoodie").parts.size).toEqual(["XL"]);
      expect(read("pants 34 waist").parts.size).toEqual(["34"]);
      expect(read("1 litre water bottle").parts.size).toEqual(["1 L"]);
      const nobody = read("size 15 boots");
      expect(nobody.parts.size).toBeUndefined();
      expect(Object.keys(nobody.unknown)).toEqual(["size"]);
      expect(nobody.text).toBe("boots");
    });

    it("reads price phrases as price ranges, and cheap as cheapest first", () => {
      expect(read("gift under 30")).toMatchObject({ text: "gift", parts: { price: ["0-30"] } });
      expect(read("sneakers less than $50").parts.price).toEqual(["0-50"]);
      expect(read("hoodie 30-60").parts.price).toEqual(["30-60"]);
      expect(read("backpack between 100 and 150").parts.price).toEqual(["100-150"]);
      expect(read("lamps over 150").parts.price).toEqual(["150-up"]);
      expect(read("cheap beanie")).toMatchObject({ text: "beanie", parts: { sort: ["price-asc"] } });
    });

    it("reads audience words in their spellings", () => {
      for (const q of ["mens hoodie", "men's hoodie", "hoodie for men", "hoodie for him"])
        expect(read(q), q).toMatchObject({ text: "hoodie", parts: { audience: ["men"] } });
      expect(read("womens parka").parts.audience).toEqual(["women"]);
      expect(read("women's parka").parts.audience).toEqual(["women"]);
      expect(read("unisex tee").parts.audience).toEqual(["unisex"]);
    });

    it("reads category nouns, plurals and synonyms, and keeps them in the text", () => {
      for (const q of ["chinos", "pants", "trousers", "joggers"])
        expect(read(q).parts.category, q).toEqual(["trousers"]);
      for (const q of ["parka", "coat", "jackets", "raincoat"]) expect(read(q).parts.category, q).toEqual(["jackets"]);
      for (const q of ["sweatshirt", "hoodies", "pullover"]) expect(read(q).parts.category, q).toEqual(["hoodies"]);
      expect(read("winter coat")).toMatchObject({ text: "winter coat", parts: { category: ["jackets"] } });
    });

    it("leaves plain product words alone", () => {
      expect(read("backpak")).toEqual({ text: "backpak", parts: {}, unknown: {} });
      expect(read("tshirt").text).toBe("tshirt");
      expect(read("water bottle").text).toBe("water bottle");
    });
  });

  describe("words that name Object.prototype's members", () => {
    const NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"];

    it("are plain words to understanding, colour families, synonyms and the search", async () => {
      for (const name of NAMES) {
        expect(read(`${name} size ${name}`).parts, name).toEqual({});
        expect(familyOfColour(name, new Map()), name).toBeNull();
        expect((await search({ q: name })).degraded, name).toBe(false);
      }
      expect(engineSynonyms([{ terms: ["constructor", "builder"], categoryId: null }], [])).toMatchObject({
        constructor: ["builder", "builders", "constructors"],
        builder: ["builders", "constructor", "constructors"],
      });
    });
  });

  describe("searching with what was understood", () => {
    it("applies the understood filters, and what the shopper ticked wins", async () => {
      const blue = await search({ q: "blue hoodie" });
      expect(blue.request).toMatchObject({ q: "hoodie", colourFamily: ["blue"], category: ["hoodies"] });
      expect(blue.activeFilters.map((filter) => filter.key).sort()).toEqual(["category:hoodies", "colourFamily:blue"]);

      const ticked = await search({ q: "blue hoodie", colourFamily: ["black"] });
      expect(ticked.request.colourFamily).toEqual(["black"]);
      expect(ticked.understanding?.applied.map((part) => part.kind)).toEqual(["category"]);

      // Already understood (a chip's link): the words are searched as they stand.
      const literal = await search({ q: "blue hoodie", interpret: false });
      expect(literal.request).toMatchObject({ q: "blue hoodie", colourFamily: [], category: [] });
      expect(literal.understanding).toBeNull();
    });

    it("leaves out a size nobody sells, and says so", async () => {
      const result = await search({ q: "size 15 boots" });
      expect(result.request.size).toEqual([]);
      expect(result.understanding?.dropped.map((part) => part.kind)).toEqual(["size"]);
      expect(result.totalHits).toBeGreaterThan(0);
    });

    it("drops an understood filter that would leave nothing, says so, and keeps the others", async () => {
      const result = await search({ q: "kids boots under 150" });
      expect(result.understanding?.dropped.map((part) => part.kind)).toContain("audience");
      expect(result.understanding?.dropped.map((part) => part.label)).toContain("For: Kids");
      expect(result.request).toMatchObject({ audience: [], category: ["boots"], price: ["0-150"] });
      expect(result.totalHits).toBeGreaterThan(0);
      for (const hit of result.hits) expect(hit.priceMinCents).toBeLessThan(150_00);
    });
  });

  describe("recovering from zero results in few engine round trips", () => {
    /**
     * A search through a client that counts its engine round trips (multi-searches and single-index
     * searches) the shopper waits for one after the other: the longest chain of calls where each was
     * sent after the one before it had answered. Calls sent together ride in the same round trip, and a
     * call still in flight when a later one is sent does not hide it (the count does not depend on which
     * of two parallel calls the engine answers first).
     */
    async function countedSearch(request: Partial<SearchRequest>) {
      let calls = 0;
      let answeredDepth = 0;
      const counted = <T>(send: () => Promise<T>): Promise<T> => {
        const depth = answeredDepth + 1;
        calls = Math.max(calls, depth);
        return send().finally(() => {
          answeredDepth = Math.max(answeredDepth, depth);
        });
      };
      const client = Object.create(searcher.client) as SearchEngine["client"];
      client.multiSearch = ((...args: Parameters<typeof client.multiSearch>) =>
        counted(() => searcher.client.multiSearch(...args))) as typeof client.multiSearch;
      client.index = (...args: Parameters<typeof client.index>) => {
        const index = searcher.client.index(...args);
        const countedIndex = Object.create(index) as typeof index;
        countedIndex.search = ((...searchArgs: Parameters<typeof index.search>) =>
          counted(() => index.search(...searchArgs))) as typeof index.search;
        return countedIndex;
      };
      const result = await searchProducts(
        { ...EMPTY_REQUEST, ...request },
        {
          db,
          engine: async () => ({ client, indexName: searcher.indexName }),
          vocabulary: await loadSearchVocabulary(db),
        },
      );
      return { result, calls };
    }

    it("answers with the first way out in one round trip after the page query", async () => {
      const { result, calls } = await countedSearch({ q: "kids boots" });
      expect(result.understanding?.dropped.map((part) => part.kind)).toEqual(["audience"]);
      expect(result.request).toMatchObject({ audience: [], category: ["boots"] });
      expect(result.totalHits).toBeGreaterThan(0);
      expect(result.facets.length).toBeGreaterThan(0);
      expect(calls).toBe(2);
    });

    it("shows the popular products of a category the shopper chose in one round trip after the page query", async () => {
      const { result, calls } = await countedSearch({ q: "beanie", category: ["hoodies"], interpret: false });
      expect(result.totalHits).toBe(0);
      expect(result.help?.category?.slug).toBe("hoodies");
      expect(result.help?.popular.length).toBeGreaterThan(0);
      for (const hit of result.help?.popular ?? []) expect(hit.inStock).toBe(true);
      expect(calls).toBe(2);
    });

    /** What a shopper sees of a result: the request it answered, the hits, the understanding, the help. */
    const seen = (result: Awaited<ReturnType<typeof searchProducts>>) => ({
      request: result.request,
      totalHits: result.totalHits,
      hits: result.hits.map((hit) => hit.slug),
      facets: result.facets,
      understanding: result.understanding,
      help: result.help,
    });

    it("answers a way out found a moment ago with the page query, in one round trip", async () => {
      const first = await countedSearch({ q: "kids boots", sort: "price-asc" });
      expect(first.calls).toBe(2);
      expect(first.result.understanding?.dropped.map((part) => part.kind)).toEqual(["audience"]);
      const again = await countedSearch({ q: "kids boots", sort: "price-asc" });
      expect(again.calls).toBe(1);
      expect(seen(again.result)).toEqual(seen(first.result));
    });

    it("answers the zero-results help found a moment ago with the page query, in one round trip", async () => {
      const request = { q: "beanie", category: ["hoodies"], interpret: false, sort: "newest" as const };
      const first = await countedSearch(request);
      expect(first.calls).toBe(2);
      expect(first.result.help?.popular.length).toBeGreaterThan(0);
      const again = await countedSearch(request);
      expect(again.calls).toBe(1);
      expect(seen(again.result)).toEqual(seen(first.result));
    });

    it("never answers from a memory the catalog has outgrown: the page query and earlier ways out win", async () => {
      const vocabulary = await loadSearchVocabulary(db);
      const plant = (request: Partial<SearchRequest>, hint: RecoveryHint) =>
        rememberRecovery(
          recoveryKey(
            searcher.indexName,
            prepareSearch({ ...EMPTY_REQUEST, ...request }, vocabulary).request,
            {},
            SEARCH_PAGE_SIZE,
          ),
          hint,
        );
      // Remembered as empty, but the page query finds products: its answer, not a recovery.
      const expected = seen((await countedSearch({ q: "boots", sort: "rating" })).result);
      expect(expected.totalHits).toBeGreaterThan(0);
      plant({ q: "boots", sort: "rating" }, { wayOut: 0, closestSlug: null, help: null });
      const planted = await countedSearch({ q: "boots", sort: "rating" });
      expect(planted.calls).toBe(1);
      expect(seen(planted.result)).toEqual(expected);

      // Remembered as answered by the help, but the first way out finds products: the way out answers.
      const wayOut = seen((await countedSearch({ q: "kids boots", sort: "newest" })).result);
      expect(wayOut.help).toBeNull();
      plant({ q: "kids boots", sort: "newest" }, { wayOut: null, closestSlug: "hoodies", help: null });
      const stale = await countedSearch({ q: "kids boots", sort: "newest" });
      expect(stale.calls).toBe(2);
      expect(seen(stale.result)).toEqual(wayOut);
    });
  });

  describe("tuning", () => {
    it("refuses staff and garbage, writing nothing", async () => {
      const before = await Promise.all([db.searchSynonym.count(), db.auditLog.count(), db.outboxEvent.count()]);
      const group = synonymGroupInput.parse({ terms: "bookbag, backpack" });
      expect((await rejection(createSynonymGroup(db, staffUser, group))).code).toBe("forbidden");
      expect(
        (await rejection(setColourFamily(db, staffUser, colourFamilyInput.parse({ colour: "Sage", family: "grey" }))))
          .code,
      ).toBe("forbidden");
      const someGroup = (await db.searchSynonym.findFirstOrThrow()).id;
      expect(
        (await rejection(deleteSynonymGroup(db, staffUser, deleteSynonymGroupInput.parse({ id: someGroup })))).code,
      ).toBe("forbidden");

      for (const garbage of [
        {},
        { terms: "" },
        { terms: " , ,, " },
        { terms: "bookbag" }, // one word names nothing without its category
        { terms: "🎒, 💼" },
        { terms: Array.from({ length: 21 }, (_, i) => `word${i}`).join(",") },
        { terms: "a, b", categoryId: "'; DROP TABLE" },
        { terms: ["a", "b"] },
        { terms: "x".repeat(3_000) },
      ])
        expect(synonymGroupInput.safeParse(garbage).success, JSON.stringify(garbage).slice(0, 60)).toBe(false);
      expect(updateSynonymGroupInput.safeParse({ terms: "a, b" }).success).toBe(false);
      expect(deleteSynonymGroupInput.safeParse({ id: "../etc" }).success).toBe(false);
      for (const garbage of [
        {},
        { colour: "Sage", family: "purplish" },
        { colour: "", family: "grey" },
        { colour: "<b>" },
      ])
        expect(colourFamilyInput.safeParse(garbage).success, JSON.stringify(garbage)).toBe(false);

      expect(
        await rejection(
          createSynonymGroup(
            db,
            adminUser,
            synonymGroupInput.parse({ terms: "bookbag", categoryId: "no-such-category" }),
          ),
        ),
      ).toMatchObject({ code: "category_not_found" });
      expect(
        await rejection(
          updateSynonymGroup(db, adminUser, updateSynonymGroupInput.parse({ id: "no-such-group", terms: "a, b" })),
        ),
      ).toMatchObject({ code: "not_found" });

      expect(await Promise.all([db.searchSynonym.count(), db.auditLog.count(), db.outboxEvent.count()])).toEqual(
        before,
      );
    });

    it("a synonym group an admin adds reaches understanding and the engine through the outbox", async () => {
      const backpacks = await db.category.findUniqueOrThrow({ where: { slug: "backpacks" } });
      expect((await search({ q: "bookbag" })).totalHits).toBe(0);

      const group = await createSynonymGroup(
        db,
        adminUser,
        synonymGroupInput.parse({ terms: "Bookbag", categoryId: backpacks.id }),
      );
      expect(group.terms).toEqual(["bookbag"]);
      expect(await db.auditLog.count({ where: { action: "search.synonym.create", entityId: group.id } })).toBe(1);
      expect((await outbox()).map((event) => event.topic)).toEqual([SEARCH_SETTINGS_TOPIC]);
      expect(await drain()).toMatchObject({ claimed: 1, done: 1 });

      const found = await search({ q: "bookbag" });
      expect(found.request.category).toEqual(["backpacks"]);
      expect(found.totalHits).toBeGreaterThan(0);
      const backpackIds = new Set(
        (await db.product.findMany({ where: { categoryId: backpacks.id }, select: { id: true } })).map((p) => p.id),
      );
      for (const hit of found.hits) expect(backpackIds.has(hit.id)).toBe(true);

      // Edited into a two-way group without the category: the engine learns "schoolbag" too.
      await updateSynonymGroup(
        db,
        adminUser,
        updateSynonymGroupInput.parse({ id: group.id, terms: "bookbag, schoolbag, backpack" }),
      );
      expect((await outbox()).map((event) => event.topic)).toEqual([SEARCH_SETTINGS_TOPIC]);
      await drain();
      const schoolbag = await search({ q: "schoolbag" });
      expect(schoolbag.request.category).toEqual(["backpacks"]);
      expect(schoolbag.totalHits).toBe(found.totalHits);

      await deleteSynonymGroup(db, adminUser, deleteSynonymGroupInput.parse({ id: group.id }));
      expect(await db.auditLog.count({ where: { entityId: group.id } })).toBe(3);
      await drain();
      expect((await search({ q: "schoolbag" })).totalHits).toBe(0);
      expect(await outbox()).toEqual([]);
    });

    it("a colour family change re-indexes the products sold in that colour, through the outbox", async () => {
      const sage = (await listColourFamilies(db)).find((row) => row.colour === "Sage")!;
      expect(sage).toMatchObject({ family: "green", source: "table" });
      expect(sage.products).toBeGreaterThan(0);
      const greyBefore = await search({ colourFamily: ["grey"] });

      const changed = await setColourFamily(db, adminUser, colourFamilyInput.parse({ colour: "sage", family: "grey" }));
      expect(changed).toEqual({ reindexed: sage.products });
      const events = await outbox();
      expect(events.every((event) => event.topic === SEARCH_UPSERT_TOPIC)).toBe(true);
      expect(new Set(events.map((event) => event.aggregateId)).size).toBe(sage.products);
      expect(await db.auditLog.count({ where: { action: "search.colour_family.set", entityId: "sage" } })).toBe(1);

      // Not yet processed: the engine still files them under green.
      expect((await search({ colourFamily: ["grey"] })).totalHits).toBe(greyBefore.totalHits);
      await drain();
      const greyAfter = await search({ colourFamily: ["grey"] });
      expect(greyAfter.totalHits).toBeGreaterThan(greyBefore.totalHits);
      expect((await listColourFamilies(db)).find((row) => row.colour === "Sage")).toMatchObject({ family: "grey" });

      // The same family again changes nothing and queues nothing.
      expect(await setColourFamily(db, adminUser, colourFamilyInput.parse({ colour: "Sage", family: "grey" }))).toEqual(
        {
          reindexed: 0,
        },
      );
      expect(await outbox()).toEqual([]);

      // Cleared: the name decides again (sage is a green word).
      await setColourFamily(db, adminUser, colourFamilyInput.parse({ colour: "Sage", family: "" }));
      await drain();
      expect((await listColourFamilies(db)).find((row) => row.colour === "Sage")).toMatchObject({
        family: "green",
        source: "name",
      });
      expect((await search({ colourFamily: ["grey"] })).totalHits).toBe(greyBefore.totalHits);
    });
  });
});
