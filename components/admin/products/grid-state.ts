// The variants grid's client state, built from the form's flat values (a fresh product or the values of a
// failed submit come in the same shape: see lib/catalog/admin/read.ts productToFormValues). Pure.
import { unflattenForm } from "@/lib/catalog/admin/form-data";

export interface OptionState {
  /** React key: stable across renames and reorders, never sent. */
  key: string;
  id: string;
  name: string;
}

export interface RowState {
  key: string;
  id: string;
  sku: string;
  price: string;
  compareAtPrice: string;
  weightGrams: string;
  lowStockThreshold: string;
  stock: string;
  options: string[];
}

export interface GridState {
  options: OptionState[];
  rows: RowState[];
}

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `k${counter}`;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.map((item) => (item && typeof item === "object" ? (item as Record<string, unknown>) : {}))
    : [];
}

export function emptyRow(optionCount: number, template?: RowState): RowState {
  return {
    key: newKey(),
    id: "",
    sku: "",
    price: template?.price ?? "",
    compareAtPrice: template?.compareAtPrice ?? "",
    weightGrams: template?.weightGrams ?? "",
    lowStockThreshold: template?.lowStockThreshold ?? "5",
    stock: "",
    options: Array.from({ length: optionCount }, () => ""),
  };
}

export function gridFromValues(values: Readonly<Record<string, string>>): GridState {
  const raw = unflattenForm(values);
  const options = list(raw.options).map((option) => ({ key: newKey(), id: text(option.id), name: text(option.name) }));
  const rows = list(raw.variants).map((row) => {
    const cells = Array.isArray(row.options) ? row.options.map(text) : [];
    return {
      key: newKey(),
      id: text(row.id),
      sku: text(row.sku),
      price: text(row.price),
      compareAtPrice: text(row.compareAtPrice),
      weightGrams: text(row.weightGrams),
      lowStockThreshold: text(row.lowStockThreshold),
      stock: text(row.stock),
      options: options.map((_, index) => cells[index] ?? ""),
    };
  });
  return { options, rows: rows.length > 0 ? rows : [emptyRow(options.length)] };
}
