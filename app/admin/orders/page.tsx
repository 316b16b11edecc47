import type { Metadata } from "next";
import Link from "next/link";
import {
  AdminPageHeader,
  Badge,
  DataTable,
  EmptyState,
  Pagination,
  TableHead,
  NumberCell,
} from "@/components/admin/ui";
import { FilterField, FilterForm, SearchFilter, filterControlClass } from "@/components/admin/list-filters";
import { requireAdminPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/enums";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import { PAYMENT_STATUS_LABELS, STATUS_LABELS } from "@/lib/orders/admin-common";
import { listOrders, orderListQuery, parseOrderListParams } from "@/lib/orders/admin-queries";
import { OrderStatusBadge, PaymentStatusBadge, TestPaymentBadge } from "./_components/status-badges";

export const metadata: Metadata = { title: "Orders" };

// Filters are plain GET parameters, so every filtered view (and page) is a URL that can be shared or
// reloaded; malformed values are ignored and the page says which.
export default async function AdminOrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdminPage("STAFF", "/admin/orders");
  const formatMoney = await getStoreMoneyFormatter();
  const { filters, ignored } = parseOrderListParams(await searchParams);
  const list = await listOrders(prisma, filters);
  const filtered = Boolean(
    filters.q || filters.status || filters.paymentStatus || filters.from || filters.to || filters.fraud,
  );

  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Orders"
        description={`${list.total} order${list.total === 1 ? "" : "s"}${filtered ? " match the filters" : ""}. Newest first.`}
      />

      <FilterForm action="/admin/orders" label="Filter orders" clearable={filtered}>
        <SearchFilter defaultValue={filters.q} maxLength={200} placeholder="Order number (1042) or email" />
        <FilterField label="Status">
          <select name="status" defaultValue={filters.status ?? ""} className={filterControlClass}>
            <option value="">Any status</option>
            {Object.values(OrderStatus).map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField label="Payment">
          <select name="paymentStatus" defaultValue={filters.paymentStatus ?? ""} className={filterControlClass}>
            <option value="">Any payment</option>
            {Object.values(PaymentStatus).map((status) => (
              <option key={status} value={status}>
                {PAYMENT_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField label="From">
          <input type="date" name="from" defaultValue={filters.from} className={filterControlClass} />
        </FilterField>
        <FilterField label="To">
          <input type="date" name="to" defaultValue={filters.to} className={filterControlClass} />
        </FilterField>
        <label className="flex items-center gap-2 self-center pt-5 text-sm">
          <input type="checkbox" name="fraud" value="1" defaultChecked={filters.fraud === "1"} className="h-4 w-4" />
          <span>Held for fraud review</span>
        </label>
      </FilterForm>

      {ignored.length > 0 ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          Ignored an invalid {ignored.join(", ")}. Dates are YYYY-MM-DD.
        </p>
      ) : null}

      {list.orders.length === 0 ? (
        filtered ? (
          <EmptyState title="No orders match">Try another search, status or date range.</EmptyState>
        ) : (
          <EmptyState title="No orders yet">Orders appear here as soon as shoppers check out.</EmptyState>
        )
      ) : (
        <DataTable caption={`Orders, page ${list.page} of ${list.pageCount}`}>
          <TableHead
            columns={[
              "Order",
              "Placed",
              "Customer",
              "Status",
              "Payment",
              { label: "Items", numeric: true },
              { label: "Total", numeric: true },
            ]}
          />
          <tbody>
            {list.orders.map((order) => (
              <tr key={order.id}>
                <td>
                  <Link
                    href={`/admin/orders/${encodeURIComponent(order.id)}`}
                    className="font-medium underline-offset-2 hover:underline focus-visible:outline-2"
                  >
                    #{order.number}
                  </Link>
                  {order.paidWithTestProvider ? (
                    <span className="ml-2">
                      <TestPaymentBadge />
                    </span>
                  ) : null}
                  {order.fraudReview ? (
                    <span className="ml-2">
                      <Badge tone="bad">
                        Fraud review{order.riskScore !== null ? ` · risk score ${order.riskScore}` : ""}
                      </Badge>
                    </span>
                  ) : null}
                </td>
                <td className="whitespace-nowrap text-zinc-600">
                  <time dateTime={order.createdAt.toISOString()}>
                    {order.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                  </time>
                </td>
                <td className="max-w-56 truncate">{order.email}</td>
                <td>
                  <OrderStatusBadge status={order.status} paymentStatus={order.paymentStatus} />
                </td>
                <td>
                  <PaymentStatusBadge status={order.paymentStatus} />
                </td>
                <NumberCell>{order._count.lines}</NumberCell>
                <NumberCell className="whitespace-nowrap">
                  {formatMoney(order.totalCents, order.currency)}
                  {order.refundedCents > 0 ? (
                    <span className="block text-xs text-zinc-500">
                      −{formatMoney(order.refundedCents, order.currency)} refunded
                    </span>
                  ) : null}
                </NumberCell>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        hrefFor={(page) => `/admin/orders${orderListQuery(filters, page)}`}
      />
    </div>
  );
}
