// Proves that the database built from prisma/migrations is exactly what prisma/schema.prisma describes.
//
// The migration SQL is written by hand here (Prisma's schema engine cannot be downloaded in this
// workplace), so nothing else guarantees that the tables Prisma Client queries are the tables that exist.
// Both sides are reduced to one shape and compared: the expected shape from the schema's DMMF (the model as
// the installed Prisma parses it) using Prisma's own Postgres conventions (types, NOT NULL, defaults,
// constraint names, referential actions), and the actual shape from PostgreSQL's catalogs. Every mismatch
// is collected and reported in one list. Any schema feature this file does not know how to map is reported
// as a mismatch too, so an extension of the schema can never pass unchecked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { getProjectDmmf, type Dmmf, type DmmfField, type DmmfModel } from "../helpers/prisma-dmmf";

interface ColumnShape {
  /** PostgreSQL udt name plus its modifier where it matters: text, bpchar(3), timestamp(3), _text, "Role" as Role. */
  type: string;
  nullable: boolean;
  /** As pg_get_expr renders it, or null for no default. */
  default: string | null;
}

interface IndexShape {
  unique: boolean;
  method: string;
  /** Column names in index order, with " DESC" for descending columns. */
  columns: string[];
}

interface ForeignKeyShape {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}

interface TableShape {
  columns: Map<string, ColumnShape>;
  primaryKey: { name: string; columns: string[] } | null;
  indexes: Map<string, IndexShape>;
  foreignKeys: Map<string, ForeignKeyShape>;
}

interface SchemaShape {
  tables: Map<string, TableShape>;
  enums: Map<string, string[]>;
  /** Schema features the expected side could not map: always reported, never ignored. */
  unmapped: string[];
}

/** Prisma's own bookkeeping table: present in every migrated database, absent from the schema. */
const MIGRATIONS_TABLE = "_prisma_migrations";

// ---------------------------------------------------------------------------------------------
// Expected shape: schema.prisma through Prisma's PostgreSQL conventions

const POSTGRES_IDENTIFIER_MAX_BYTES = 63;

/**
 * Prisma's default constraint names (psl ConstraintNames): {table}_{columns}_{suffix}, with the part before
 * the suffix cut so the whole fits PostgreSQL's 63-byte identifiers.
 */
function defaultConstraintName(table: string, columns: string[], suffix: "_pkey" | "_key" | "_idx" | "_fkey"): string {
  const base = columns.length === 0 ? table : `${table}_${columns.join("_")}`;
  const limit = POSTGRES_IDENTIFIER_MAX_BYTES - suffix.length;
  const bytes = Buffer.from(base, "utf8");
  if (bytes.length < limit) return base + suffix;
  let cut = bytes.subarray(0, limit).toString("utf8");
  // Never split a multi-byte character (the decoder would turn half of one into U+FFFD).
  while (cut.endsWith("\uFFFD")) cut = cut.slice(0, -1);
  return cut + suffix;
}

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Float: "float8",
  Decimal: "numeric(65,30)",
  Boolean: "bool",
  DateTime: "timestamp(3)",
  Json: "jsonb",
  Bytes: "bytea",
};

/** `@db.X(args)` to the udt name (and modifier) PostgreSQL reports for it. */
function nativeType([name, args]: [string, string[]]): string | null {
  const withArgs = (udt: string, fallback?: string) => {
    const modifier = args.length > 0 ? args.join(",") : fallback;
    return modifier === undefined ? udt : `${udt}(${modifier})`;
  };
  switch (name) {
    case "Text":
      return "text";
    case "Char":
      return withArgs("bpchar", "1");
    case "VarChar":
      return withArgs("varchar");
    case "Uuid":
      return "uuid";
    case "SmallInt":
      return "int2";
    case "Integer":
      return "int4";
    case "BigInt":
      return "int8";
    case "Real":
      return "float4";
    case "DoublePrecision":
      return "float8";
    case "Decimal":
      return withArgs("numeric");
    case "Boolean":
      return "bool";
    case "Timestamp":
      return withArgs("timestamp", "6");
    case "Timestamptz":
      return withArgs("timestamptz", "6");
    case "Date":
      return "date";
    case "JsonB":
      return "jsonb";
    case "Json":
      return "json";
    case "ByteA":
      return "bytea";
    default:
      return null;
  }
}

/** The type name PostgreSQL prints in a default's cast (`'USD'::bpchar`, `''::text`, `'DRAFT'::"ProductStatus"`). */
function castName(udt: string): string {
  const bare = udt.replace(/\(.*\)$/, "");
  const names: Record<string, string> = {
    varchar: "character varying",
    int2: "smallint",
    int4: "integer",
    int8: "bigint",
    float4: "real",
    float8: "double precision",
    bool: "boolean",
    timestamp: "timestamp without time zone",
    timestamptz: "timestamp with time zone",
  };
  if (names[bare]) return names[bare];
  return /^[a-z_][a-z0-9_]*$/.test(bare) ? bare : `"${bare}"`;
}

interface ModelNames {
  table: string;
  column: (fieldName: string) => string;
}

function namesOf(model: DmmfModel): ModelNames {
  const fields = new Map(model.fields.map((field) => [field.name, field]));
  return {
    table: model.dbName ?? model.name,
    column: (fieldName) => fields.get(fieldName)?.dbName ?? fieldName,
  };
}

function expectedDefault(
  field: DmmfField,
  udt: string,
  names: ModelNames,
  enumValue: (enumName: string, value: string) => string,
): { value: string | null } | { unmapped: string } {
  const column = names.column(field.name);
  if (!field.hasDefaultValue) return { value: null };
  const value = field.default;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const fn = (value as { name: string; args: unknown[] }).name;
    if (fn === "now") return { value: "CURRENT_TIMESTAMP" };
    // SERIAL: a sequence named {table}_{column}_seq owned by the column.
    if (fn === "autoincrement") return { value: `nextval('"${names.table}_${column}_seq"'::regclass)` };
    // Generated by Prisma Client, not by the database.
    if (["cuid", "uuid", "nanoid", "ulid"].includes(fn)) return { value: null };
    return { unmapped: `${names.table}.${column}: default ${fn}() is not verified by this test` };
  }
  const literal = (item: unknown, elementUdt: string): string | null => {
    if (field.kind === "enum") return `'${enumValue(field.type, String(item))}'::${castName(elementUdt)}`;
    if (typeof item === "boolean") return String(item);
    if (typeof item === "number") return item < 0 ? `'${item}'::${castName(elementUdt)}` : String(item);
    if (typeof item === "string") return `'${item.replaceAll("'", "''")}'::${castName(elementUdt)}`;
    return null;
  };
  if (Array.isArray(value)) {
    const elementUdt = udt.replace(/^_/, "");
    const items = value.map((item) => literal(item, elementUdt));
    if (items.some((item) => item === null)) {
      return {
        unmapped: `${names.table}.${column}: list default ${JSON.stringify(value)} is not verified by this test`,
      };
    }
    return { value: `ARRAY[${items.join(", ")}]::${castName(elementUdt)}[]` };
  }
  const rendered = literal(value, udt);
  if (rendered === null)
    return { unmapped: `${names.table}.${column}: default ${JSON.stringify(value)} is not verified by this test` };
  return { value: rendered };
}

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

function expectedSchema(dmmf: Dmmf): SchemaShape {
  const { models, enums, indexes } = dmmf.datamodel;
  const unmapped: string[] = [];
  const modelsByName = new Map(models.map((model) => [model.name, model]));
  const enumsByName = new Map(enums.map((enumType) => [enumType.name, enumType]));
  const enumTypeName = (name: string) => enumsByName.get(name)?.dbName ?? name;
  const enumValue = (enumName: string, value: string) =>
    enumsByName.get(enumName)?.values.find((candidate) => candidate.name === value)?.dbName ?? value;

  const tables = new Map<string, TableShape>();
  for (const model of models) {
    const names = namesOf(model);
    const table: TableShape = { columns: new Map(), primaryKey: null, indexes: new Map(), foreignKeys: new Map() };
    tables.set(names.table, table);

    for (const field of model.fields) {
      if (field.kind === "object") continue;
      const column = names.column(field.name);
      let udt: string | null;
      if (field.kind === "enum") udt = enumTypeName(field.type);
      else if (field.kind === "scalar")
        udt = field.nativeType ? nativeType(field.nativeType) : (SCALAR_TYPES[field.type] ?? null);
      else udt = null;
      if (udt === null) {
        const declared = field.nativeType ? `@db.${field.nativeType[0]}` : field.type;
        unmapped.push(`${names.table}.${column}: type ${declared} has no PostgreSQL mapping in this test`);
        continue;
      }
      // PostgreSQL reports arrays as _element without the element's modifier.
      const type = field.isList ? `_${udt.replace(/\(.*\)$/, "")}` : udt;
      const fieldDefault = expectedDefault(field, field.isList ? type : udt, names, enumValue);
      if ("unmapped" in fieldDefault) unmapped.push(fieldDefault.unmapped);
      table.columns.set(column, {
        type,
        // Prisma never renders NOT NULL on a scalar list, required or not.
        nullable: !field.isRequired || field.isList,
        default: "value" in fieldDefault ? fieldDefault.value : null,
      });
    }

    const idFields = model.primaryKey?.fields ?? model.fields.filter((field) => field.isId).map((field) => field.name);
    if (idFields.length > 0) {
      const idIndex = indexes.find((index) => index.model === model.name && index.type === "id");
      table.primaryKey = {
        name: idIndex?.dbName ?? defaultConstraintName(names.table, [], "_pkey"),
        columns: idFields.map(names.column),
      };
    }

    for (const index of indexes.filter((candidate) => candidate.model === model.name)) {
      if (index.type === "id") continue;
      const columns = index.fields.map((field) => names.column(field.name));
      if (index.type === "fulltext" || index.fields.some((field) => field.operatorClass || field.length)) {
        unmapped.push(`${names.table}: index on (${columns.join(", ")}) uses options this test does not verify`);
        continue;
      }
      const unique = index.type === "unique";
      table.indexes.set(index.dbName ?? defaultConstraintName(names.table, columns, unique ? "_key" : "_idx"), {
        unique,
        method: (index.algorithm ?? "BTree").toLowerCase(),
        columns: index.fields.map((field) => names.column(field.name) + (field.sortOrder === "desc" ? " DESC" : "")),
      });
    }

    for (const relation of model.fields) {
      const fromFields = relation.relationFromFields ?? [];
      if (relation.kind !== "object" || fromFields.length === 0) continue;
      const target = modelsByName.get(relation.type);
      if (!target)
        throw new Error(`DMMF relation ${model.name}.${relation.name} points at unknown model ${relation.type}`);
      const columns = fromFields.map(names.column);
      // Prisma's defaults: a required relation restricts deletes, an optional one nulls the reference.
      const required = fromFields.every((name) => model.fields.find((field) => field.name === name)?.isRequired);
      const onDelete = relation.relationOnDelete ?? (required ? "Restrict" : "SetNull");
      const onUpdate = relation.relationOnUpdate ?? "Cascade";
      // The DMMF does not carry @relation(map: ...); this schema uses none, so the default name applies.
      table.foreignKeys.set(defaultConstraintName(names.table, columns, "_fkey"), {
        columns,
        referencedTable: namesOf(target).table,
        referencedColumns: (relation.relationToFields ?? []).map(namesOf(target).column),
        onDelete: REFERENTIAL_ACTIONS[onDelete] ?? onDelete,
        onUpdate: REFERENTIAL_ACTIONS[onUpdate] ?? onUpdate,
      });
    }
  }

  const expectedEnums = new Map(
    enums.map((enumType) => [
      enumType.dbName ?? enumType.name,
      enumType.values.map((value) => value.dbName ?? value.name),
    ]),
  );
  return { tables, enums: expectedEnums, unmapped };
}

// ---------------------------------------------------------------------------------------------
// Actual shape: PostgreSQL's catalogs

const PG_REFERENTIAL_ACTIONS: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

async function actualSchema(databaseUrl: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = new Map<string, TableShape>();
    const tableOf = (name: string) => {
      const table = tables.get(name);
      if (!table) throw new Error(`catalog row for unknown table ${name}`);
      return table;
    };

    const tableRows = await client.query<{ name: string }>(`
      SELECT c.relname::text AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`);
    for (const { name } of tableRows.rows) {
      tables.set(name, { columns: new Map(), primaryKey: null, indexes: new Map(), foreignKeys: new Map() });
    }

    const columnRows = await client.query<{
      table_name: string;
      column_name: string;
      udt_name: string;
      character_maximum_length: number | null;
      datetime_precision: number | null;
      numeric_precision: number | null;
      numeric_scale: number | null;
      is_nullable: "YES" | "NO";
      column_default: string | null;
    }>(`
      SELECT c.table_name::text, c.column_name::text, c.udt_name::text, c.character_maximum_length,
             c.datetime_precision, c.numeric_precision, c.numeric_scale, c.is_nullable::text, c.column_default::text
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`);
    for (const row of columnRows.rows) {
      let modifier: string | null = null;
      if (["bpchar", "varchar"].includes(row.udt_name) && row.character_maximum_length !== null) {
        modifier = String(row.character_maximum_length);
      } else if (["timestamp", "timestamptz", "time", "timetz"].includes(row.udt_name)) {
        modifier = row.datetime_precision === null ? null : String(row.datetime_precision);
      } else if (row.udt_name === "numeric" && row.numeric_precision !== null) {
        modifier = `${row.numeric_precision},${row.numeric_scale ?? 0}`;
      }
      tableOf(row.table_name).columns.set(row.column_name, {
        type: modifier === null ? row.udt_name : `${row.udt_name}(${modifier})`,
        nullable: row.is_nullable === "YES",
        default: row.column_default,
      });
    }

    const constraintRows = await client.query<{
      name: string;
      type: "p" | "f";
      table_name: string;
      columns: string[];
      referenced_table: string | null;
      referenced_columns: string[];
      on_delete: string;
      on_update: string;
    }>(`
      SELECT con.conname::text AS name, con.contype::text AS type, rel.relname::text AS table_name,
             ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
             ref.relname::text AS referenced_table,
             ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS referenced_columns,
             con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update
      FROM pg_constraint con
      JOIN pg_class rel ON rel.oid = con.conrelid
      JOIN pg_namespace n ON n.oid = rel.relnamespace
      LEFT JOIN pg_class ref ON ref.oid = con.confrelid
      WHERE n.nspname = current_schema() AND con.contype IN ('p', 'f')`);
    for (const row of constraintRows.rows) {
      const table = tableOf(row.table_name);
      if (row.type === "p") {
        table.primaryKey = { name: row.name, columns: row.columns };
      } else {
        table.foreignKeys.set(row.name, {
          columns: row.columns,
          referencedTable: row.referenced_table ?? "?",
          referencedColumns: row.referenced_columns,
          onDelete: PG_REFERENTIAL_ACTIONS[row.on_delete] ?? row.on_delete,
          onUpdate: PG_REFERENTIAL_ACTIONS[row.on_update] ?? row.on_update,
        });
      }
    }

    const indexRows = await client.query<{
      name: string;
      table_name: string;
      unique: boolean;
      method: string;
      partial: boolean;
      columns: string[];
    }>(`
      SELECT i.relname::text AS name, t.relname::text AS table_name, ix.indisunique AS unique, am.amname::text AS method,
             ix.indpred IS NOT NULL AS partial,
             ARRAY(SELECT coalesce(a.attname::text, '(expression)')
                          || CASE WHEN ix.indoption[k.ord - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                   FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                   LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                   WHERE k.ord <= ix.indnkeyatts ORDER BY k.ord) AS columns
      FROM pg_index ix
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_am am ON am.oid = i.relam
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND NOT ix.indisprimary`);
    for (const row of indexRows.rows) {
      tableOf(row.table_name).indexes.set(row.name, {
        unique: row.unique,
        method: row.partial ? `${row.method} (partial)` : row.method,
        columns: row.columns,
      });
    }

    const enumRows = await client.query<{ name: string; values: string[] }>(`
      SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema()
      GROUP BY t.typname`);
    const enums = new Map(enumRows.rows.map((row) => [row.name, row.values]));

    return { tables, enums, unmapped: [] };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Comparison

const describeIndex = (index: IndexShape) =>
  `${index.unique ? "UNIQUE " : ""}${index.method} (${index.columns.join(", ")})`;
const describeForeignKey = (fk: ForeignKeyShape) =>
  `(${fk.columns.join(", ")}) -> ${fk.referencedTable}(${fk.referencedColumns.join(", ")}) ` +
  `ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;
const describeColumn = (column: ColumnShape) =>
  `${column.type} ${column.nullable ? "NULL" : "NOT NULL"} DEFAULT ${column.default ?? "none"}`;

/** Every difference between the schema's expected shape and the database, one readable line each. */
function compareSchemas(expected: SchemaShape, actual: SchemaShape): string[] {
  const mismatches: string[] = [...expected.unmapped];
  const compareMaps = <T>(
    kind: string,
    qualify: (name: string) => string,
    expectedItems: Map<string, T>,
    actualItems: Map<string, T>,
    render: (item: T) => string,
  ) => {
    for (const [name, item] of expectedItems) {
      const found = actualItems.get(name);
      const label = `${kind} "${qualify(name)}"`;
      if (!found) mismatches.push(`${label} is missing (schema.prisma: ${render(item)})`);
      else if (render(found) !== render(item))
        mismatches.push(`${label} is ${render(found)}; schema.prisma needs ${render(item)}`);
    }
    for (const [name, item] of actualItems) {
      if (!expectedItems.has(name))
        mismatches.push(`${kind} "${qualify(name)}" is not in schema.prisma (${render(item)})`);
    }
  };

  for (const [tableName, table] of expected.tables) {
    const found = actual.tables.get(tableName);
    if (!found) {
      mismatches.push(`table "${tableName}" is missing`);
      continue;
    }
    const inTable = (name: string) => `${tableName}.${name}`;
    compareMaps("column", inTable, table.columns, found.columns, describeColumn);
    const renderKey = (key: TableShape["primaryKey"]) => (key ? `"${key.name}" (${key.columns.join(", ")})` : "none");
    if (renderKey(table.primaryKey) !== renderKey(found.primaryKey)) {
      mismatches.push(
        `primary key of ${tableName} is ${renderKey(found.primaryKey)}; schema.prisma needs ${renderKey(table.primaryKey)}`,
      );
    }
    compareMaps("index", inTable, table.indexes, found.indexes, describeIndex);
    compareMaps("foreign key", inTable, table.foreignKeys, found.foreignKeys, describeForeignKey);
  }
  for (const tableName of actual.tables.keys()) {
    if (!expected.tables.has(tableName) && tableName !== MIGRATIONS_TABLE) {
      mismatches.push(`table "${tableName}" is not in schema.prisma`);
    }
  }
  compareMaps(
    "enum",
    (name) => name,
    expected.enums,
    actual.enums,
    (values) => values.join(", "),
  );
  return mismatches;
}

function report(mismatches: string[]): string {
  return (
    `The database built from prisma/migrations differs from prisma/schema.prisma in ${mismatches.length} ` +
    `way(s):\n  - ${mismatches.join("\n  - ")}`
  );
}

// ---------------------------------------------------------------------------------------------

describe("database built from prisma/migrations", () => {
  const dmmf = getProjectDmmf();
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase("schema");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("reads the whole data model from schema.prisma", () => {
    // Guards the comparison below against an empty or half-read DMMF passing vacuously.
    const models = dmmf.datamodel.models.map((model) => model.name);
    expect(models).toEqual(expect.arrayContaining(["Product", "Variant", "InventoryLevel", "Order", "Payment"]));
    expect(models.length).toBeGreaterThanOrEqual(30);
    expect(dmmf.datamodel.enums.length).toBeGreaterThanOrEqual(10);
  });

  it("matches schema.prisma: tables, columns, keys, indexes, foreign keys and enums", async () => {
    const expected = expectedSchema(dmmf);
    const actual = await actualSchema(db.url);
    const mismatches = compareSchemas(expected, actual);
    expect(mismatches, report(mismatches)).toEqual([]);
    // The comparison saw every part of the model (numbers from the schema itself, not hard-coded).
    expect(actual.tables.size).toBe(dmmf.datamodel.models.length + 1);
    expect([...expected.tables.values()].reduce((sum, table) => sum + table.foreignKeys.size, 0)).toBeGreaterThan(40);
  });
});

describe("schema comparison", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase("schema_drift");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("reports each kind of drift between a database and schema.prisma", async () => {
    // One change of every kind the comparison must catch, applied to a correct database.
    await db.prisma.$executeRawUnsafe(`
      ALTER TABLE "Variant" ALTER COLUMN "priceCents" TYPE BIGINT;
      ALTER TABLE "Order" ALTER COLUMN "email" DROP NOT NULL;
      ALTER TABLE "Product" ALTER COLUMN "currency" SET DEFAULT 'EUR';
      ALTER TABLE "Product" ALTER COLUMN "createdAt" TYPE TIMESTAMP(6);
      ALTER TABLE "Address" DROP COLUMN "phone";
      ALTER TABLE "Product" ADD COLUMN "legacyCode" TEXT;
      ALTER TABLE "VariantOptionValue" DROP CONSTRAINT "VariantOptionValue_pkey";
      ALTER TABLE "VariantOptionValue" ADD CONSTRAINT "VariantOptionValue_pkey" PRIMARY KEY ("optionValueId", "variantId");
      DROP INDEX "Order_email_idx";
      DROP INDEX "Variant_sku_key";
      CREATE INDEX "Variant_sku_key" ON "Variant"("sku");
      DROP INDEX "Product_status_createdAt_idx";
      CREATE INDEX "Product_status_createdAt_idx" ON "Product"("createdAt", "status");
      CREATE INDEX "Product_title_idx" ON "Product"("title");
      ALTER TABLE "Review" DROP CONSTRAINT "Review_userId_fkey";
      ALTER TABLE "Review" ADD CONSTRAINT "Review_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
      ALTER TABLE "CartLine" DROP CONSTRAINT "CartLine_variantId_fkey";
      ALTER TYPE "Role" ADD VALUE 'OWNER';
      CREATE TABLE "Stray" ("id" TEXT PRIMARY KEY);
    `);

    const mismatches = compareSchemas(expectedSchema(getProjectDmmf()), await actualSchema(db.url));

    expect(mismatches.sort()).toEqual(
      [
        `column "Variant.priceCents" is int8 NOT NULL DEFAULT none; schema.prisma needs int4 NOT NULL DEFAULT none`,
        `column "Order.email" is text NULL DEFAULT none; schema.prisma needs text NOT NULL DEFAULT none`,
        `column "Product.currency" is bpchar(3) NOT NULL DEFAULT 'EUR'::bpchar; schema.prisma needs bpchar(3) NOT NULL DEFAULT 'USD'::bpchar`,
        `column "Product.createdAt" is timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP; schema.prisma needs timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP`,
        `column "Address.phone" is missing (schema.prisma: text NULL DEFAULT none)`,
        `column "Product.legacyCode" is not in schema.prisma (text NULL DEFAULT none)`,
        `primary key of VariantOptionValue is "VariantOptionValue_pkey" (optionValueId, variantId); schema.prisma needs "VariantOptionValue_pkey" (variantId, optionValueId)`,
        `index "Order.Order_email_idx" is missing (schema.prisma: btree (email))`,
        `index "Variant.Variant_sku_key" is btree (sku); schema.prisma needs UNIQUE btree (sku)`,
        `index "Product.Product_status_createdAt_idx" is btree (createdAt, status); schema.prisma needs btree (status, createdAt)`,
        `index "Product.Product_title_idx" is not in schema.prisma (btree (title))`,
        `foreign key "Review.Review_userId_fkey" is (userId) -> User(id) ON DELETE CASCADE ON UPDATE CASCADE; schema.prisma needs (userId) -> User(id) ON DELETE SET NULL ON UPDATE CASCADE`,
        `foreign key "CartLine.CartLine_variantId_fkey" is missing (schema.prisma: (variantId) -> Variant(id) ON DELETE CASCADE ON UPDATE CASCADE)`,
        `enum "Role" is CUSTOMER, STAFF, ADMIN, OWNER; schema.prisma needs CUSTOMER, STAFF, ADMIN`,
        `table "Stray" is not in schema.prisma`,
      ].sort(),
    );
  });
});
