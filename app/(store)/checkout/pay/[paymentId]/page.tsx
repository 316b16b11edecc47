import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StepShell } from "@/components/checkout/step-shell";
import { TestCardForm } from "@/components/checkout/test-card-form";
import { prisma } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { TEST_CARDS, orderPageAfterPayment, retrieveTestPayment } from "@/lib/checkout/test-card-payment";
import { getSessionUser } from "@/lib/auth/session";
import { payWithTestCardAction } from "@/app/(store)/checkout/actions";

// The URL carries the order page's access link (?return=): the Referer must never repeat it (the
// Referrer-Policy header is set in next.config.ts; this is the same rule for the document).
export const metadata: Metadata = { title: "Payment (test mode)", robots: { index: false }, referrer: "no-referrer" };

interface TestPaymentPageProps {
  params: Promise<{ paymentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// An unknown payment id is answered with HTTP 404 before this renders (proxy.ts); notFound() below stays
// for a payment removed in between.
export default function TestPaymentPage({ params, searchParams }: TestPaymentPageProps) {
  return (
    <StepShell step="payment" title="Payment">
      <TestPayment params={params} searchParams={searchParams} />
    </StepShell>
  );
}

async function TestPayment({ params, searchParams }: TestPaymentPageProps) {
  const { paymentId } = await params;
  // Null in production mode too: the page does not exist there (and paying refuses on its own, in
  // payWithTestCard, whatever a page shows).
  const payment = await retrieveTestPayment(prisma, paymentId);
  if (!payment) notFound();
  const { return: returnParam } = await searchParams;
  const user = await getSessionUser();
  const orderPath = await orderPageAfterPayment(
    prisma,
    Array.isArray(returnParam) ? returnParam[0] : returnParam,
    payment.order.id,
    user ? { userId: user.id } : null,
  );
  const amount = formatMoney(payment.amountCents, payment.currency);
  return (
    <div className="flex flex-col gap-6">
      <p
        role="note"
        className="rounded-md border-2 border-dashed border-amber-500 bg-amber-50 p-4 font-semibold text-amber-900"
        data-testid="test-mode"
      >
        TEST MODE — no real payment is taken. This is a demo store: it uses the built-in test payment provider.
      </p>
      <p>
        {payment.returnId ? "Exchange difference, order" : "Order"} <strong>#{payment.order.number}</strong>:{" "}
        <strong>{amount}</strong>
      </p>
      {payment.status === "PENDING" && (payment.returnId || payment.order.status === "PENDING_PAYMENT") ? (
        <TestCardForm paymentId={payment.id} amountLabel={amount} returnTo={orderPath} pay={payWithTestCardAction} />
      ) : payment.returnId ? (
        <p>
          {payment.status === "SUCCEEDED" ? "This difference is paid." : "This payment is closed."}{" "}
          <Link href={orderPath ?? "/orders/lookup"} className="underline">
            See your order
          </Link>
        </p>
      ) : payment.order.status === "PAID" ? (
        <p>
          This order is paid.{" "}
          <Link href={orderPath ?? "/orders/lookup"} className="underline">
            See your order
          </Link>
        </p>
      ) : (
        <p>
          This payment is closed.{" "}
          <Link href="/checkout/review" className="underline">
            Back to checkout
          </Link>
        </p>
      )}
      <section aria-labelledby="test-cards">
        <h2 id="test-cards" className="mb-2 font-semibold">
          Test cards
        </h2>
        <table className="text-sm">
          <thead>
            <tr className="text-left text-zinc-600">
              <th className="pr-6 font-medium">Card number</th>
              <th className="font-medium">Result</th>
            </tr>
          </thead>
          <tbody>
            {TEST_CARDS.map((card) => (
              <tr key={card.number}>
                <td className="pr-6 font-mono">{card.number}</td>
                <td>{card.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
