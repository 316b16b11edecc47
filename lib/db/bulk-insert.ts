// Multi-row inserts for large seeds and the products CSV import: one statement per table and batch, with
// each column sent as one array parameter and expanded by unnest(), so 10,000 rows cost one round trip and
// one parse instead of 10,000 (or a 65,535-parameter limit with VALUES lists).
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** PostgreSQL array type of a column's parameter; timestamps travel as ISO strings (UTC). */
export type ColumnType =
  | "text"
  | "int"
  | "float8"
  | "bool"
  | "timestamp"
  | "jsonb"
  | "ProductStatus"
  | "AdjustmentReason"
  | "Audience"
  | "OrderStatus"
  | "PaymentStatus"
  | "PaymentProvider"
  | "PaymentState"
  | "ReservationStatus"
  | "ShipmentStatus"
  | "RefundStatus"
  | "tags";

export type ColumnValue = string | number | boolean | null;

export interface Column {
  name: string;
  type: ColumnType;
  values: ColumnValue[];
}

// Tags are a text[] per row, and unnest() cannot take a ragged 2-D array: each row's tags travel joined
// with a separator that tags never contain and are split again in SQL.
export const TAG_SEPARATOR = "|";

const PARAMETER_TYPE: Record<ColumnType, string> = {
  text: "text[]",
  int: "int[]",
  float8: "float8[]",
  bool: "bool[]",
  timestamp: "timestamp(3)[]",
  jsonb: "jsonb[]",
  ProductStatus: '"ProductStatus"[]',
  OrderStatus: '"OrderStatus"[]',
  PaymentStatus: '"PaymentStatus"[]',
  PaymentProvider: '"PaymentProvider"[]',
  PaymentState: '"PaymentState"[]',
  ReservationStatus: '"ReservationStatus"[]',
  ShipmentStatus: '"ShipmentStatus"[]',
  RefundStatus: '"RefundStatus"[]',
  AdjustmentReason: '"AdjustmentReason"[]',
  Audience: '"Audience"[]',
  tags: "text[]",
};

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

/** INSERT INTO "table" (columns) SELECT ... FROM unnest($1::type[], ...). Returns the rows inserted. */
export async function insertColumns(tx: Tx, table: string, columns: readonly Column[]): Promise<number> {
  const rowCount = columns[0]?.values.length ?? 0;
  if (rowCount === 0) return 0;
  // Names are interpolated into SQL: only plain identifiers from our own code are accepted.
  for (const name of [table, ...columns.map((column) => column.name)]) {
    if (!IDENTIFIER.test(name)) throw new Error(`Unsafe identifier ${name}`);
  }
  for (const column of columns) {
    if (column.values.length !== rowCount)
      throw new Error(`${table}.${column.name}: ${column.values.length} values for ${rowCount} rows`);
  }
  const names = columns.map((column) => `"${column.name}"`).join(", ");
  const parameters = columns.map((column, index) => `$${index + 1}::${PARAMETER_TYPE[column.type]}`).join(", ");
  const aliases = columns.map((_, index) => `c${index}`);
  const selected = columns
    .map((column, index) =>
      column.type === "tags" ? `string_to_array(u.c${index}, '${TAG_SEPARATOR}')` : `u.c${index}`,
    )
    .join(", ");
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${selected} FROM unnest(${parameters}) AS u(${aliases.join(", ")})`;
  return tx.$executeRawUnsafe(sql, ...columns.map((column) => column.values));
}

/** Collects rows column by column; `add` takes one row as an object keyed by column name. */
export class ColumnBuffer<Name extends string> {
  private readonly columns: Column[];
  private readonly byName: Map<string, Column>;

  constructor(
    readonly table: string,
    spec: Readonly<Record<Name, ColumnType>>,
  ) {
    this.columns = Object.entries<ColumnType>(spec).map(([name, type]) => ({ name, type, values: [] }));
    this.byName = new Map(this.columns.map((column) => [column.name, column]));
  }

  add(row: Readonly<Record<Name, ColumnValue>>): void {
    for (const [name, column] of this.byName) column.values.push(row[name as Name]);
  }

  get size(): number {
    return this.columns[0]?.values.length ?? 0;
  }

  insert(tx: Tx): Promise<number> {
    return insertColumns(tx, this.table, this.columns);
  }
}

/** Inserts each buffer with its one statement, in the order given: parents before children, since foreign
 *  keys are checked statement by statement. */
export async function insertInOrder(tx: Tx, buffers: readonly Pick<ColumnBuffer<string>, "insert">[]): Promise<void> {
  for (const buffer of buffers) await buffer.insert(tx);
}
