// Who ordered and where it goes: the customer, the shipping address and method, the billing address.
import { Card } from "@/components/admin/ui";
import { addressLines } from "@/lib/email/order-confirmation";
import type { AdminOrderDetail } from "@/lib/orders/admin-queries";

function Address({ address }: { address: unknown }) {
  return (
    <address className="text-sm not-italic text-zinc-700">
      {addressLines(address).map((line) => (
        <span key={line} className="block">
          {line}
        </span>
      ))}
    </address>
  );
}

export function CustomerCards({ order }: { order: AdminOrderDetail }) {
  return (
    <>
      <Card title="Customer">
        <p className="text-sm">{order.email}</p>
        <p className="mt-1 text-xs text-zinc-500">
          {order.user ? `Account: ${order.user.name ?? order.user.email}` : "Guest checkout"}
        </p>
      </Card>
      <Card title="Shipping address">
        <Address address={order.shippingAddress} />
        <p className="mt-2 text-xs text-zinc-500">Method: {order.shippingMethodName}</p>
      </Card>
      {order.billingAddress ? (
        <Card title="Billing address">
          <Address address={order.billingAddress} />
        </Card>
      ) : null}
    </>
  );
}
