"use client";
// Options and the variants grid. Controlled inputs (rows come and go), named as the server expects
// ("variants.2.sku"), each error shown under its own cell and tied to it with aria-describedby.
import type { Dispatch, SetStateAction } from "react";
import { MAX_OPTIONS, MAX_VARIANTS } from "@/lib/catalog/admin/limits";
import { emptyRow, newKey, type GridState, type RowState } from "./grid-state";

export interface VariantStock {
  onHand: number;
  available: number;
  inUse: boolean;
}

const cellClass = (error?: string) =>
  `w-full min-w-0 rounded border px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 ${error ? "border-red-600 bg-red-50" : "border-zinc-300"}`;

function CellError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <span id={id} className="mt-1 block text-xs text-red-700">
      {message}
    </span>
  );
}

function errorId(name: string): string {
  return `${name.replaceAll(".", "-")}-error`;
}

export function VariantsGrid({
  grid,
  setGrid,
  errors,
  currency,
  stockByVariant,
  onStructureChange,
}: {
  grid: GridState;
  setGrid: Dispatch<SetStateAction<GridState>>;
  errors: Record<string, string>;
  currency: string;
  stockByVariant: Record<string, VariantStock>;
  /** Rows or options were added or removed: messages keyed by index no longer line up. */
  onStructureChange: () => void;
}) {
  const updateRow = (index: number, change: Partial<RowState>) =>
    setGrid((current) => ({
      ...current,
      rows: current.rows.map((row, i) => (i === index ? { ...row, ...change } : row)),
    }));
  const updateCell = (index: number, optionIndex: number, value: string) =>
    setGrid((current) => ({
      ...current,
      rows: current.rows.map((row, i) =>
        i === index ? { ...row, options: row.options.map((cell, j) => (j === optionIndex ? value : cell)) } : row,
      ),
    }));
  const addOption = () => {
    onStructureChange();
    setGrid((current) => ({
      options: [...current.options, { key: newKey(), id: "", name: "" }],
      rows: current.rows.map((row) => ({ ...row, options: [...row.options, ""] })),
    }));
  };
  const removeOption = (optionIndex: number) => {
    onStructureChange();
    setGrid((current) => ({
      options: current.options.filter((_, j) => j !== optionIndex),
      rows: current.rows.map((row) => ({ ...row, options: row.options.filter((_, j) => j !== optionIndex) })),
    }));
  };
  const addRow = () => {
    onStructureChange();
    setGrid((current) => ({
      ...current,
      rows: [...current.rows, emptyRow(current.options.length, current.rows.at(-1))],
    }));
  };
  const removeRow = (index: number) => {
    onStructureChange();
    setGrid((current) => ({ ...current, rows: current.rows.filter((_, i) => i !== index) }));
  };

  const optionsError = errors.options;
  const variantsError = errors.variants;

  return (
    // min-w-0 on the fieldsets: a fieldset is min-content wide by default, so the grid's scroll container
    // would push out of the card instead of scrolling.
    <div className="flex min-w-0 flex-col gap-5">
      <fieldset className="flex min-w-0 flex-col gap-3">
        <legend className="text-sm font-semibold">Options</legend>
        <p className="text-sm text-zinc-600">
          Options are what shoppers choose between, such as Size or Colour. Each option becomes a column of the grid;
          its values are what the rows hold.
        </p>
        {grid.options.length === 0 ? (
          <p className="text-sm text-zinc-600">No options: the product is sold as one variant.</p>
        ) : null}
        <ul className="flex flex-col gap-2">
          {grid.options.map((option, optionIndex) => {
            const name = `options.${optionIndex}.name`;
            return (
              <li key={option.key} className="flex flex-wrap items-start gap-2">
                {option.id ? <input type="hidden" name={`options.${optionIndex}.id`} value={option.id} /> : null}
                <label className="flex flex-col gap-1 text-sm">
                  <span className="font-medium">Option {optionIndex + 1} name</span>
                  <input
                    name={name}
                    value={option.name}
                    maxLength={40}
                    placeholder={optionIndex === 0 ? "Size" : optionIndex === 1 ? "Colour" : "Material"}
                    onChange={(event) =>
                      setGrid((current) => ({
                        ...current,
                        options: current.options.map((candidate, j) =>
                          j === optionIndex ? { ...candidate, name: event.target.value } : candidate,
                        ),
                      }))
                    }
                    aria-invalid={errors[name] ? true : undefined}
                    aria-describedby={errors[name] ? errorId(name) : undefined}
                    className={`${cellClass(errors[name])} w-48 text-base`}
                  />
                  <CellError id={errorId(name)} message={errors[name]} />
                </label>
                <button
                  type="button"
                  onClick={() => removeOption(optionIndex)}
                  className="mt-6 rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 focus-visible:outline-2"
                >
                  Remove option<span className="sr-only"> {option.name || optionIndex + 1}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {grid.options.length < MAX_OPTIONS ? (
          <div>
            <button
              type="button"
              onClick={addOption}
              className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2"
            >
              Add option
            </button>
          </div>
        ) : null}
        {optionsError ? (
          <p id="options-error" role="alert" className="text-sm text-red-700">
            {optionsError}
          </p>
        ) : null}
      </fieldset>

      <fieldset className="flex min-w-0 flex-col gap-3">
        <legend className="text-sm font-semibold">Variants</legend>
        <p className="text-sm text-zinc-600">
          Prices in {currency}, like 19.99. Compare-at is the old price shown struck through (leave blank when not on
          sale). Stock of existing variants is changed in Inventory.
        </p>
        <div className="overflow-x-auto rounded-lg border border-zinc-200">
          <table className="w-full min-w-[56rem] text-left text-sm [&_td]:px-2 [&_td]:py-2 [&_td]:align-top [&_th]:px-2 [&_th]:py-2">
            <caption className="sr-only">Variants: one row per option combination</caption>
            <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-600">
              <tr>
                <th scope="col" className="w-8">
                  #
                </th>
                {grid.options.map((option, optionIndex) => (
                  <th key={option.key} scope="col">
                    {option.name || `Option ${optionIndex + 1}`}
                  </th>
                ))}
                <th scope="col">SKU</th>
                <th scope="col">Price</th>
                <th scope="col">Compare-at</th>
                <th scope="col">Weight (g)</th>
                <th scope="col">Low stock at</th>
                <th scope="col">Stock</th>
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((row, index) => {
                const prefix = `variants.${index}`;
                const stock = row.id ? stockByVariant[row.id] : undefined;
                const label = (column: string) => `${column}, row ${index + 1}${row.sku ? ` (${row.sku})` : ""}`;
                const input = (
                  field: "sku" | "price" | "compareAtPrice" | "weightGrams" | "lowStockThreshold" | "stock",
                  column: string,
                  extra: { inputMode?: "decimal" | "numeric"; maxLength?: number; placeholder?: string } = {},
                ) => {
                  const name = `${prefix}.${field}`;
                  return (
                    <>
                      <input
                        name={name}
                        value={row[field]}
                        onChange={(event) => updateRow(index, { [field]: event.target.value })}
                        aria-label={label(column)}
                        aria-invalid={errors[name] ? true : undefined}
                        aria-describedby={errors[name] ? errorId(name) : undefined}
                        className={cellClass(errors[name])}
                        autoComplete="off"
                        {...extra}
                      />
                      <CellError id={errorId(name)} message={errors[name]} />
                    </>
                  );
                };
                return (
                  <tr key={row.key} className="border-t border-zinc-100">
                    <td className="pt-3 text-zinc-500 tabular-nums">
                      {index + 1}
                      {row.id ? <input type="hidden" name={`${prefix}.id`} value={row.id} /> : null}
                    </td>
                    {grid.options.map((option, optionIndex) => {
                      const name = `${prefix}.options.${optionIndex}`;
                      return (
                        <td key={option.key} className="min-w-28">
                          <input
                            name={name}
                            value={row.options[optionIndex] ?? ""}
                            onChange={(event) => updateCell(index, optionIndex, event.target.value)}
                            aria-label={label(option.name || `Option ${optionIndex + 1}`)}
                            aria-invalid={errors[name] ? true : undefined}
                            aria-describedby={errors[name] ? errorId(name) : undefined}
                            maxLength={60}
                            className={cellClass(errors[name])}
                          />
                          <CellError id={errorId(name)} message={errors[name]} />
                        </td>
                      );
                    })}
                    <td className="min-w-44">{input("sku", "SKU", { maxLength: 64 })}</td>
                    <td className="min-w-24">
                      {input("price", `Price (${currency})`, { inputMode: "decimal", placeholder: "19.99" })}
                    </td>
                    <td className="min-w-24">
                      {input("compareAtPrice", `Compare-at price (${currency})`, { inputMode: "decimal" })}
                    </td>
                    <td className="min-w-20">{input("weightGrams", "Weight in grams", { inputMode: "numeric" })}</td>
                    <td className="min-w-20">
                      {input("lowStockThreshold", "Low-stock threshold", { inputMode: "numeric" })}
                    </td>
                    <td className="min-w-24">
                      {row.id ? (
                        <span className="block pt-1.5 tabular-nums" title="Change stock in Inventory">
                          {stock ? `${stock.onHand} on hand` : "—"}
                          {stock && stock.available !== stock.onHand ? (
                            <span className="block text-xs text-zinc-500">{stock.available} available</span>
                          ) : null}
                        </span>
                      ) : (
                        input("stock", "Initial stock", { inputMode: "numeric", placeholder: "0" })
                      )}
                    </td>
                    <td>
                      {stock?.inUse ? (
                        <span className="block pt-1.5 text-xs text-zinc-500">Ordered: can&apos;t remove</span>
                      ) : (
                        <button
                          type="button"
                          onClick={() => removeRow(index)}
                          disabled={grid.rows.length === 1}
                          className="rounded border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 focus-visible:outline-2 disabled:opacity-50"
                        >
                          Remove<span className="sr-only"> row {index + 1}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {variantsError ? (
          <p role="alert" className="text-sm text-red-700">
            {variantsError}
          </p>
        ) : null}
        {grid.rows.length < MAX_VARIANTS ? (
          <div>
            <button
              type="button"
              onClick={addRow}
              className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2"
            >
              Add variant
            </button>
          </div>
        ) : null}
      </fieldset>
    </div>
  );
}
