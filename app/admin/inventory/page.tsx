import type { Metadata } from "next";
import Link from "next/link";
import { AdminPageHeader, Badge, DataTable, EmptyState, Pagination, TableHead } from "@/components/admin/ui";
import { FilterField, FilterForm, SearchFilter, filterControlClass } from "@/components/admin/list-filters";
import { requireAdminPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { listInventory, listLocations, MAX_SEARCH_LENGTH } from "@/lib/inventory/levels";
import { inventoryListHref, parseInventoryListParams, type InventoryListUrlState } from "@/lib/inventory/list-params";
import { LevelRow } from "./_components/stock-forms";
import { SettingsForm } from "@/components/admin/settings/settings-form";
import { sendLowStockDigestAction } from "./actions";

export const metadata: Metadata = { title: "Inventory" };

export default async function AdminInventoryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdminPage("STAFF", "/admin/inventory");
  const state = parseInventoryListParams(await searchParams);
  const locations = await listLocations(prisma);
  // A location id from an old bookmark that no longer exists just drops the filter.
  const locationId = locations.some((location) => location.id === state.locationId) ? state.locationId : null;
  const list = await listInventory(prisma, {
    search: state.q,
    locationId: locationId ?? undefined,
    lowStockOnly: state.lowStockOnly,
    page: state.page,
  });
  const hrefWith = (change: Partial<InventoryListUrlState>) =>
    inventoryListHref({ ...state, locationId, page: 1, ...change });
  const filtered = Boolean(state.q || locationId || state.lowStockOnly);

  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Inventory"
        description="Stock per variant and location. Available = on hand − reserved by unpaid orders; the store sells the total over active locations."
        actions={
          <SettingsForm
            inline
            label="Send the low-stock digest"
            testId="low-stock-digest"
            action={sendLowStockDigestAction}
            submitLabel="Email the low-stock digest now"
            tone="secondary"
            values={{ send: "digest" }}
            fields={[{ name: "send", label: "", type: "hidden" }]}
          />
        }
      />

      <FilterForm action="/admin/inventory" clearable={filtered}>
        <SearchFilter defaultValue={state.q} maxLength={MAX_SEARCH_LENGTH} placeholder="Product title or SKU" />
        <FilterField label="Location">
          <select name="location" defaultValue={locationId ?? ""} className={filterControlClass}>
            <option value="">All locations</option>
            {locations.map((location) => (
              <option key={location.id} value={location.id}>
                {location.name}
                {location.active ? "" : " (inactive)"}
              </option>
            ))}
          </select>
        </FilterField>
        <label className="flex items-center gap-2 py-2 text-sm font-medium">
          <input
            type="checkbox"
            name="low"
            value="1"
            defaultChecked={state.lowStockOnly}
            className="size-4 focus-visible:outline-2 focus-visible:outline-offset-2"
          />
          Low stock only
        </label>
      </FilterForm>

      <p className="text-sm text-zinc-600" aria-live="polite">
        {list.total} variant{list.total === 1 ? "" : "s"}
        {filtered ? " match" : ""}
        {state.lowStockOnly
          ? locationId
            ? " (low at this location)"
            : " (low in total, archived products left out)"
          : ""}
        .
      </p>

      {list.rows.length === 0 ? (
        list.total > 0 ? (
          <EmptyState title="This page is past the end of the list">
            <Link href={hrefWith({})} className="font-medium underline underline-offset-2">
              Go to the first page
            </Link>
          </EmptyState>
        ) : filtered ? (
          <EmptyState title="No variants match">
            Try another search or location, or turn off “Low stock only”.
          </EmptyState>
        ) : (
          <EmptyState title="No variants yet">
            <Link href="/admin/products/new" className="font-medium underline underline-offset-2">
              Add a product
            </Link>{" "}
            to start tracking its stock.
          </EmptyState>
        )
      ) : (
        <DataTable caption={`Inventory, page ${list.page} of ${list.pageCount}`}>
          <TableHead
            columns={[
              "Variant",
              "Location",
              { label: "On hand", numeric: true },
              { label: "Reserved", numeric: true },
              { label: "Available", numeric: true },
              { label: "Actions", srOnly: true },
            ]}
          />
          {list.rows.map((row) => {
            const name = `${row.productTitle}${row.variantTitle ? ` – ${row.variantTitle}` : ""} (${row.sku})`;
            const variantCell = (
              <th scope="rowgroup" className="min-w-56 align-top font-normal">
                <Link
                  href={`/admin/inventory/${encodeURIComponent(row.variantId)}`}
                  className="font-medium underline-offset-2 hover:underline focus-visible:outline-2"
                >
                  {row.productTitle}
                </Link>
                {row.variantTitle ? <span className="text-zinc-600"> – {row.variantTitle}</span> : null}
                <div className="font-mono text-xs text-zinc-500">{row.sku}</div>
                <div className="mt-1 flex flex-wrap items-center gap-1 text-xs text-zinc-600">
                  <span>
                    {row.totalAvailable} available in total (alert at {row.lowStockThreshold})
                  </span>
                  {row.totalAvailable === 0 ? (
                    <Badge tone="bad">Out of stock</Badge>
                  ) : row.lowStock ? (
                    <Badge tone="warn">Low stock</Badge>
                  ) : null}
                  {row.productStatus !== "ACTIVE" ? (
                    <Badge>{row.productStatus === "DRAFT" ? "Draft" : "Archived"}</Badge>
                  ) : null}
                </div>
              </th>
            );
            return (
              // One <tbody> per variant groups its location rows for screen readers (scope="rowgroup").
              <tbody key={row.variantId}>
                {row.levels.length === 0 ? (
                  <tr>
                    {variantCell}
                    <td colSpan={5} className="text-zinc-600">
                      No stock location to show.
                    </td>
                  </tr>
                ) : (
                  row.levels.map((level, index) => (
                    <LevelRow
                      key={level.locationId}
                      variantId={row.variantId}
                      locationId={level.locationId}
                      label={`${name} at ${level.locationName}`}
                      destinations={locations.filter((location) => location.id !== level.locationId)}
                      columns={6}
                    >
                      {index === 0 ? variantCell : <td />}
                      <td className="min-w-40 align-top">
                        {level.locationName}
                        {level.locationActive ? null : <span className="text-xs text-zinc-500"> (inactive)</span>}
                        {level.levelId === null ? (
                          <div className="text-xs text-zinc-500">never stocked here</div>
                        ) : null}
                      </td>
                      <td className="text-right align-top tabular-nums">{level.onHand}</td>
                      <td className="text-right align-top tabular-nums">{level.reserved}</td>
                      <td
                        className={`text-right align-top font-semibold tabular-nums ${level.available === 0 ? "text-red-700" : ""}`}
                      >
                        {level.available}
                      </td>
                    </LevelRow>
                  ))
                )}
              </tbody>
            );
          })}
        </DataTable>
      )}

      <Pagination page={list.page} pageCount={list.pageCount} hrefFor={(page) => hrefWith({ page })} />
    </div>
  );
}
