import type { Metadata } from "next";
import Link from "next/link";
import { AdminPageHeader, Card, buttonClass } from "@/components/admin/ui";
import { requireAdminPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { FIXED_COLUMNS, listStockLocations, MAX_IMPORT_ROWS, REQUIRED_COLUMNS } from "@/lib/catalog/csv";
import { ImportForm } from "./_components/import-form";

export const metadata: Metadata = { title: "Import products" };

export default async function ImportProductsPage() {
  await requireAdminPage("STAFF", "/admin/products/import");
  const locations = await listStockLocations(prisma);
  const example = [...FIXED_COLUMNS, ...locations.slice(0, 2).map((location) => `stock:${location.code}`)].join(",");

  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Import products"
        description="Create and update products, variants and stock from a CSV file. Every row is checked first: a file with any problem changes nothing."
        actions={
          <>
            <a href="/api/admin/products/export" className={buttonClass.secondary} download>
              Download current catalog (CSV)
            </a>
            <Link href="/admin/products" className={buttonClass.secondary}>
              Back to products
            </Link>
          </>
        }
      />

      <Card title="Upload">
        <ImportForm />
      </Card>

      <Card title="File format">
        <div id="import-help" className="flex flex-col gap-3 text-sm text-zinc-700">
          <p>
            One row per variant; a product&apos;s columns (title, description, status, brand, category, currency, option
            names) repeat on each of its rows and must be the same on all of them. The easiest start is the{" "}
            <a className="underline" href="/api/admin/products/export">
              export
            </a>
            : edit it and upload it again. Importing an unchanged export changes nothing.
          </p>
          <p className="break-all rounded bg-zinc-100 p-2 font-mono text-xs">{example}</p>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              Required columns: <span className="font-mono">{REQUIRED_COLUMNS.join(", ")}</span>. A column left out of
              the file leaves that field as it is.
            </li>
            <li>
              Products are matched by <span className="font-mono">handle</span> (their URL name), variants by{" "}
              <span className="font-mono">sku</span>. Nothing is deleted: archive a product with{" "}
              <span className="font-mono">status</span> ARCHIVED.
            </li>
            <li>
              <span className="font-mono">brand</span> and <span className="font-mono">category</span> are slugs of
              existing brands and categories (import does not create them).
            </li>
            <li>Prices are decimals in the row&apos;s currency, like 19.99; weights in whole grams.</li>
            <li>
              <span className="font-mono">stock:&lt;location code&gt;</span> sets the units on hand there (empty:
              unchanged). It can&apos;t go below units reserved by unpaid orders. Locations:{" "}
              {locations.length === 0
                ? "none yet"
                : locations.map((location) => `${location.code}${location.active ? "" : " (inactive)"}`).join(", ")}
              .
            </li>
            <li>Images, tags and SEO fields are not part of the file; edit them on the product page.</li>
            <li>
              At most {MAX_IMPORT_ROWS.toLocaleString("en-US")} rows and 5 MB per file, UTF-8 (in a spreadsheet: Save as
              → CSV UTF-8).
            </li>
          </ul>
        </div>
      </Card>
    </div>
  );
}
