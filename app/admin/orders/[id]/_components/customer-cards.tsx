// Who ordered and where it goes: the customer, the shipping address and method, the billing address.
import { Card } from "@/components/admin/ui";
import { PostalAddress } from "@/components/ui/postal-address";
import type { AdminOrderDetail } from "@/lib/orders/admin-queries";

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
        <PostalAddress address={order.shippingAddress} className="text-sm text-zinc-700" />
        <p className="mt-2 text-xs text-zinc-500">Method: {order.shippingMethodName}</p>
      </Card>
      {order.billingAddress ? (
        <Card title="Billing address">
          <PostalAddress address={order.billingAddress} className="text-sm text-zinc-700" />
        </Card>
      ) : null}
    </>
  );
}
