import type { Metadata } from "next";
import Link from "next/link";
import { AdminPageHeader, Card, buttonClass } from "@/components/admin/ui";
import { requireAdminPage } from "@/lib/auth/guard";
import { MAX_EXPORT_DAYS, ORDER_EXPORT_COLUMNS } from "@/lib/reports/orders-export";
import { addDays, localDate, storeTimeZone } from "@/lib/reports/period";

export const metadata: Metadata = { title: "Reports and exports" };

const inputClass =
  "rounded-md border border-zinc-300 bg-white px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-offset-1";

// Downloads are plain GET forms and links to the export route handlers: the browser saves the streamed
// CSV itself, and every export is a URL that can be bookmarked.
export default async function ReportsPage() {
  await requireAdminPage("STAFF", "/admin/reports");
  const timeZone = storeTimeZone();
  const today = localDate(new Date(), timeZone);
  const monthAgo = addDays(today, -29);

  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Reports and exports"
        description="Download orders and products as CSV, or import products from a CSV file."
      />

      <Card title="Orders">
        <form
          method="get"
          action="/api/admin/orders/export"
          className="flex flex-wrap items-end gap-3"
          aria-describedby="orders-export-help"
        >
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">From</span>
            <input type="date" name="from" required defaultValue={monthAgo} max={today} className={inputClass} />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">To</span>
            <input type="date" name="to" required defaultValue={today} className={inputClass} />
          </label>
          <button type="submit" className={buttonClass.primary}>
            Download orders (CSV)
          </button>
        </form>
        <p id="orders-export-help" className="mt-3 text-sm text-zinc-600">
          Every order placed between the two dates (both included, days in {timeZone}), whatever its status; at most{" "}
          {MAX_EXPORT_DAYS} days per file. Columns:{" "}
          <span className="font-mono text-xs">{ORDER_EXPORT_COLUMNS.join(", ")}</span>. Amounts are decimals in the
          order&apos;s currency.
        </p>
      </Card>

      <Card title="Products">
        <div className="flex flex-wrap gap-2">
          <a href="/api/admin/products/export" download className={buttonClass.primary}>
            Download all products (CSV)
          </a>
          <a href="/api/admin/products/export?status=active" download className={buttonClass.secondary}>
            Active products only
          </a>
          <Link href="/admin/products/import" className={buttonClass.secondary}>
            Import products…
          </Link>
        </div>
        <p className="mt-3 text-sm text-zinc-600">
          One row per variant with its options, prices and stock per location; the same format the import reads back.
          Images are not included.
        </p>
      </Card>
    </div>
  );
}
