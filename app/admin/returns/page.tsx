import type { Metadata } from "next";
import Link from "next/link";
import { AdminPageHeader, Badge, DataTable, EmptyState, NumberCell, TableHead } from "@/components/admin/ui";
import { requireAdminPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import { listReturns, RETURN_STATUSES } from "@/lib/orders/returns-queries";
import { RETURN_REASONS, RETURN_STATUS_LABELS, type ReturnReasonCode } from "@/lib/orders/returns-rules";
import { ReturnStatusBadge } from "./_components/return-status-badge";

export const metadata: Metadata = { title: "Returns" };

// The returns queue: newest first, filtered by status through a plain GET parameter (an unknown one shows
// every return). Requested returns wait for a decision; approved ones for the parcel.
export default async function AdminReturnsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdminPage("STAFF", "/admin/returns");
  const formatMoney = await getStoreMoneyFormatter();
  const params = await searchParams;
  const status = typeof params.status === "string" ? params.status : null;
  const list = await listReturns(prisma, { status });
  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Returns"
        description={`${list.total} return${list.total === 1 ? "" : "s"}${list.status ? ` ${RETURN_STATUS_LABELS[list.status].toLowerCase()}` : ""}. Newest first.`}
      />
      <nav aria-label="Return status" className="flex flex-wrap gap-2 text-sm">
        <Link
          href="/admin/returns"
          aria-current={list.status === null ? "page" : undefined}
          className="underline-offset-2 hover:underline aria-[current=page]:font-semibold"
        >
          All
        </Link>
        {RETURN_STATUSES.map((candidate) => (
          <Link
            key={candidate}
            href={`/admin/returns?status=${candidate}`}
            aria-current={list.status === candidate ? "page" : undefined}
            className="underline-offset-2 hover:underline aria-[current=page]:font-semibold"
          >
            {RETURN_STATUS_LABELS[candidate]}
          </Link>
        ))}
      </nav>
      {list.rows.length === 0 ? (
        <EmptyState title="No returns">
          Returns appear here when shoppers ask for them from their order page.
        </EmptyState>
      ) : (
        <DataTable caption="Returns">
          <TableHead
            columns={[
              "Return",
              "Order",
              "Customer",
              "Status",
              "Reason",
              { label: "Units", numeric: true },
              { label: "Due", numeric: true },
            ]}
          />
          <tbody>
            {list.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link
                    href={`/admin/returns/${encodeURIComponent(row.id)}`}
                    className="font-medium underline-offset-2 hover:underline"
                  >
                    {row.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                  </Link>
                  {row.lines.some((line) => line.exchangeVariantId) ? (
                    <span className="ml-2">
                      <Badge tone="info">Exchange</Badge>
                    </span>
                  ) : null}
                </td>
                <td>
                  <Link
                    href={`/admin/orders/${encodeURIComponent(row.order.id)}`}
                    className="underline-offset-2 hover:underline"
                  >
                    #{row.order.number}
                  </Link>
                </td>
                <td className="max-w-56 truncate">{row.order.email}</td>
                <td>
                  <ReturnStatusBadge status={row.status} />
                </td>
                <td>{RETURN_REASONS[row.reason as ReturnReasonCode] ?? row.reason}</td>
                <NumberCell>{row.lines.reduce((sum, line) => sum + line.quantity, 0)}</NumberCell>
                <NumberCell className="whitespace-nowrap">
                  {formatMoney(
                    row.lines.reduce((sum, line) => sum + line.creditCents - line.exchangeCents, 0),
                    row.order.currency,
                  )}
                </NumberCell>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}
