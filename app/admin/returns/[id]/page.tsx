// One return: what comes back and why, the exchange, and the steps that act on it (approve or reject,
// receive each line at a location as resellable or damaged, refund, ship the exchange). The forms post the
// actions of ../actions.ts; lib/orders/returns-*.ts enforces every rule.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { AdminPageHeader, Card, ParentLink } from "@/components/admin/ui";
import { requireAdminPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import { CARRIERS } from "@/lib/orders/carriers";
import { returnRefundDueCents } from "@/lib/orders/returns-complete";
import { getReturnForAdmin, returnLocations } from "@/lib/orders/returns-queries";
import { RETURN_REASONS, type ReturnReasonCode } from "@/lib/orders/returns-rules";
import {
  ApproveReturnForm,
  ReceiveLineForm,
  RefundReturnForm,
  RejectReturnForm,
  ShipExchangeForm,
} from "../_components/return-forms";
import { ReturnStatusBadge } from "../_components/return-status-badge";

export const metadata: Metadata = { title: "Return" };

export default async function AdminReturnPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage("STAFF", "/admin/returns");
  const formatMoney = await getStoreMoneyFormatter();
  const { id } = await params;
  const request = await getReturnForAdmin(prisma, id);
  if (!request) notFound();
  const locations = await returnLocations(prisma);
  const money = (cents: number) => formatMoney(cents, request.order.currency);
  const due = returnRefundDueCents(request.lines);
  const exchangeLines = request.lines.filter((line) => line.exchangeVariant);
  const exchangeReserved = request.lines.some((line) => line.exchangeOrderLine);
  return (
    <div className="flex flex-col gap-6">
      <ParentLink href="/admin/returns" label="← All returns" />
      <AdminPageHeader
        title={`Return for order #${request.order.number}`}
        description={`Requested ${request.createdAt.toISOString().slice(0, 16).replace("T", " ")} by ${request.order.email}: ${RETURN_REASONS[request.reason as ReturnReasonCode] ?? request.reason}`}
        actions={<ReturnStatusBadge status={request.status} />}
      />
      <p className="text-sm">
        <Link href={`/admin/orders/${encodeURIComponent(request.order.id)}`} className="underline underline-offset-2">
          Open order #{request.order.number}
        </Link>
      </p>
      {request.note ? (
        <Card title="Shopper's note">
          <p className="text-sm whitespace-pre-wrap">{request.note}</p>
        </Card>
      ) : null}

      <Card title="Items">
        <ul className="flex flex-col gap-4">
          {request.lines.map((line) => {
            const label = `${line.orderLine.title}${line.orderLine.variantTitle ? ` · ${line.orderLine.variantTitle}` : ""}`;
            return (
              <li key={line.id} className="flex flex-col gap-2 border-b border-zinc-100 pb-3" data-testid="return-line">
                <p className="text-sm">
                  <span className="font-medium">{label}</span> × {line.quantity} · credit {money(line.creditCents)}
                  {line.exchangeVariant
                    ? ` · exchange for ${line.exchangeVariant.title || line.exchangeVariant.sku} (${money(line.exchangeCents)})`
                    : ""}
                </p>
                {line.receivedAt ? (
                  <p className="text-sm text-zinc-700" data-testid="return-line-received">
                    Received at {line.location?.name}:{" "}
                    {line.condition === "RESELLABLE" ? "back in stock" : "damaged, not restocked"}
                  </p>
                ) : request.status === "APPROVED" ? (
                  <ReceiveLineForm returnId={request.id} returnLineId={line.id} label={label} locations={locations} />
                ) : null}
              </li>
            );
          })}
        </ul>
        <p className="mt-3 text-sm">
          Refund due: <strong>{money(due)}</strong> (the returned units&apos; share of what was paid, less what the
          exchange costs; shipping is not refunded).
        </p>
        {request.differenceCents > 0 ? (
          <p className="mt-1 text-sm" data-testid="return-difference-status">
            Difference the shopper pays for a dearer exchange: <strong>{money(request.differenceCents)}</strong>
            {request.differencePaidAt
              ? ", paid."
              : request.differenceDueBy
                ? `, not paid yet (the exchange is held until ${request.differenceDueBy.toUTCString()}).`
                : ", due once the return is approved."}
          </p>
        ) : null}
      </Card>

      {request.status === "REQUESTED" ? (
        <div className="grid gap-6 md:grid-cols-2">
          <Card title="Approve">
            <ApproveReturnForm returnId={request.id} hasExchange={exchangeLines.length > 0} />
          </Card>
          <Card title="Reject">
            <RejectReturnForm returnId={request.id} />
          </Card>
        </div>
      ) : null}
      {request.sellerMessage ? (
        <Card title="Message to the shopper">
          <p className="text-sm">{request.sellerMessage}</p>
        </Card>
      ) : null}

      {request.status === "RECEIVED" && due > 0 && !request.refund ? (
        <Card title="Refund">
          <p className="mb-3 text-sm text-zinc-700">Refunds through the provider the order was paid with.</p>
          <RefundReturnForm returnId={request.id} amount={money(due)} />
        </Card>
      ) : null}
      {request.refund ? (
        <Card title="Refund">
          <p className="text-sm" data-testid="return-refund">
            {money(request.refund.amountCents)} refunded ({request.refund.status.toLowerCase()}).
          </p>
        </Card>
      ) : null}

      {exchangeReserved ? (
        <Card title="Exchange">
          {request.exchangeShippedAt ? (
            <p className="text-sm">The exchange shipped: see the order&apos;s shipments.</p>
          ) : request.status === "RECEIVED" ? (
            <ShipExchangeForm
              returnId={request.id}
              requestKey={`exchange:${randomUUID()}`}
              carriers={CARRIERS.map(({ code, name }) => ({ code, name }))}
            />
          ) : (
            <p className="text-sm text-zinc-700">Set aside in stock; it ships once every returned item is received.</p>
          )}
        </Card>
      ) : null}
    </div>
  );
}
