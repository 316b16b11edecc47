"use client";
// The product form, for a new product and for editing one. Plain fields are uncontrolled and filled from
// the last submit's values when it failed (ActionResult.values); the options and variants grid is client
// state, so rows can be added and removed. The fields are remounted after every answer (see `version`):
// React resets a form after its action, and an uncontrolled <select> would otherwise snap back to the
// value it first rendered with instead of what the seller chose.
import Link from "next/link";
import { useState } from "react";
import type { ProductSaved } from "@/lib/catalog/admin/write";
import { Field, FormError, FormSuccess, SelectField, SubmitButton, TextareaField } from "@/components/ui/field";
import { Card } from "@/components/admin/ui";
import type { FormAction } from "@/lib/actions/form-action";
import type { ActionResult } from "@/lib/actions/result";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ProductFormChoices } from "@/lib/catalog/admin/read";
import { gridFromValues, type GridState } from "./grid-state";
import { VariantsGrid, type VariantStock } from "./variants-grid";

export interface ProductFormProps {
  mode: "create" | "edit";
  /** Creates the product (mode "create") or saves it (mode "edit"). */
  save: FormAction<ProductSaved>;
  productId?: string;
  /** The product as flat form values (lib/catalog/admin/read.ts productToFormValues), or defaults. */
  initial: Record<string, string>;
  /** Edit only: the version the form was rendered from (a save over a newer one is refused). */
  updatedAt?: string;
  currency: string;
  choices: ProductFormChoices;
  stockByVariant?: Record<string, VariantStock>;
}

type Result = ActionResult<ProductSaved> | null;

export function ProductForm({
  mode,
  save,
  productId,
  initial,
  updatedAt,
  currency,
  choices,
  stockByVariant = {},
}: ProductFormProps) {
  const { result, action, pending, failed, errors: allErrors } = useFormAction(save);
  const [grid, setGrid] = useState<GridState>(() => gridFromValues(initial));
  const [gridChanged, setGridChanged] = useState(false);

  // A successful save re-renders the page with the saved product (new variant ids, new updatedAt): once
  // those props are here, the grid starts again from them, otherwise the next save would treat the rows
  // just created as new once more. Only after this form's own save: a status change elsewhere on the
  // page also re-renders it, and must not throw away grid edits not saved yet.
  const savedVersion = result?.ok ? result.data.updatedAt : null;
  const [syncedVersion, setSyncedVersion] = useState<string | null>(null);
  if (savedVersion && savedVersion !== syncedVersion && savedVersion === updatedAt) {
    setSyncedVersion(savedVersion);
    setGrid(gridFromValues(initial));
    setGridChanged(false);
  }
  // One remount of the plain fields per answer (see the comment at the top).
  const [seenResult, setSeenResult] = useState<Result>(null);
  const [version, setVersion] = useState(0);
  if (result !== seenResult) {
    setSeenResult(result);
    setVersion((current) => current + 1);
  }

  const saved = result?.ok ? result.data : null;
  // After rows or options were added or removed, index-keyed cell messages would point at the wrong cells.
  const errors = gridChanged
    ? Object.fromEntries(
        Object.entries(allErrors).filter(([key]) => !key.startsWith("variants.") && !key.startsWith("options.")),
      )
    : allErrors;
  const value = (name: string) => failed?.values?.[name] ?? initial[name] ?? "";
  const field = (name: string) => ({ name, defaultValue: value(name), error: errors[name] });
  const hasNewRows = grid.rows.some((row) => !row.id);

  return (
    <form
      action={action}
      onSubmit={() => setGridChanged(false)}
      noValidate
      aria-busy={pending}
      className="flex flex-col gap-6"
    >
      {productId ? <input type="hidden" name="productId" value={productId} /> : null}
      {updatedAt ? <input type="hidden" name="updatedAt" value={updatedAt} /> : null}

      <div aria-live="polite">
        {failed ? (
          <FormError
            message={
              failed.fieldErrors
                ? `Please correct the highlighted field${Object.keys(failed.fieldErrors).length === 1 ? "" : "s"}: ${failed.error}`
                : failed.error
            }
          />
        ) : null}
        {saved ? (
          <FormSuccess key={saved.savedAt} message="Changes saved. The store shows them within moments." />
        ) : null}
      </div>

      <div key={version} className="flex flex-col gap-6">
        <Card title="Product">
          <div className="grid gap-4">
            <Field label="Title" {...field("title")} required maxLength={200} />
            <TextareaField label="Description" {...field("description")} rows={6} optional maxLength={20_000} />
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField label="Category" {...field("categoryId")} required>
                <option value="">Choose a category…</option>
                {choices.categories.map((category) => (
                  <option key={category.id} value={category.id}>
                    {category.label}
                  </option>
                ))}
              </SelectField>
              <SelectField label="Brand" optional {...field("brandId")}>
                <option value="">No brand</option>
                {choices.brands.map((brand) => (
                  <option key={brand.id} value={brand.id}>
                    {brand.name}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label="Tags"
                {...field("tags")}
                optional
                placeholder="cotton, summer"
                aria-describedby={errors.tags ? "tags-error" : "tags-hint"}
              />
              {mode === "create" ? (
                <SelectField
                  label="Status"
                  name="status"
                  defaultValue={value("status") || "DRAFT"}
                  error={errors.status}
                  hint="Only active products are visible in the store."
                >
                  <option value="DRAFT">Draft</option>
                  <option value="ACTIVE">Active</option>
                  <option value="ARCHIVED">Archived</option>
                </SelectField>
              ) : null}
            </div>
            <p id="tags-hint" className="-mt-2 text-xs text-zinc-500">
              Separated by commas; used by search.
            </p>
            <div className="max-w-xs">
              <SelectField
                label="For"
                {...field("audience")}
                optional
                hint="Search reads “mens”, “for her” and the like as this."
              >
                <option value="">No one in particular</option>
                <option value="MEN">Men</option>
                <option value="WOMEN">Women</option>
                <option value="UNISEX">Unisex</option>
                <option value="KIDS">Kids</option>
              </SelectField>
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="featured"
                defaultChecked={value("featured") === "on"}
                className="h-4 w-4 rounded border-zinc-300"
              />
              <span className="font-medium">Featured on the home page</span>
            </label>
          </div>
        </Card>

        <Card title="Options and variants">
          <VariantsGrid
            grid={grid}
            setGrid={setGrid}
            errors={errors}
            currency={currency}
            stockByVariant={stockByVariant}
            onStructureChange={() => setGridChanged(true)}
          />
          {hasNewRows ? (
            <div className="mt-4 max-w-sm">
              <SelectField
                label="Initial stock location"
                name="stockLocationId"
                defaultValue={value("stockLocationId") || choices.locations[0]?.id || ""}
                error={errors.stockLocationId}
                hint="Where the initial stock of new variants is."
              >
                {choices.locations.length === 0 ? <option value="">No active locations</option> : null}
                {choices.locations.map((location) => (
                  <option key={location.id} value={location.id}>
                    {location.name} ({location.code})
                  </option>
                ))}
              </SelectField>
            </div>
          ) : null}
        </Card>

        <Card title="Search engine listing">
          <div className="grid gap-4">
            <Field
              label="URL name"
              {...field("slug")}
              optional
              maxLength={200}
              placeholder="generated from the title"
            />
            <p className="-mt-3 text-xs text-zinc-500">
              The product page is /products/<em>url-name</em>. Leave blank to generate it from the title.
              {mode === "edit" ? " Changing it changes the page's address: links to the old one stop working." : ""}
            </p>
            <Field label="Page title" {...field("seoTitle")} optional maxLength={120} placeholder="the product title" />
            <TextareaField
              label="Meta description"
              {...field("seoDescription")}
              optional
              rows={3}
              maxLength={320}
              hint="Shown under the title in search results; about 160 characters."
            />
          </div>
        </Card>
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>{mode === "create" ? "Create product" : "Save changes"}</SubmitButton>
        <Link
          href="/admin/products"
          className="text-sm font-medium text-zinc-700 underline underline-offset-2 hover:text-zinc-900"
        >
          Back to products
        </Link>
      </div>
    </form>
  );
}
