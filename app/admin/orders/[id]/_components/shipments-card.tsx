// The order's shipments (carrier, tracking link when it is safe to link, lines), each still on its way
// with its own "Mark delivered" form, and one for all of them when several are.
import { Badge, Card } from "@/components/admin/ui";
import type { AdminOrderDetail } from "@/lib/orders/admin-queries";
import { ShipmentLines, TrackingNumber } from "@/components/orders/shipment-details";
import { DeliverForm } from "../../_components/order-forms";
import { Time } from "./time";

export function ShipmentsCard({ order }: { order: AdminOrderDetail }) {
  const onTheWay = order.shipments.filter((shipment) => shipment.status === "SHIPPED");
  return (
    <Card
      title="Shipments"
      actions={onTheWay.length > 1 ? <DeliverForm orderId={order.id} label="Mark all delivered" /> : null}
    >
      {order.shipments.length === 0 ? (
        <p className="text-sm text-zinc-600">Nothing has shipped yet.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {order.shipments.map((shipment) => (
            <li
              key={shipment.id}
              className="rounded-md border border-zinc-200 p-3 text-sm"
              data-testid="admin-shipment"
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p>
                  <strong>{shipment.carrier}</strong> <TrackingNumber shipment={shipment} />
                </p>
                <Badge tone={shipment.status === "DELIVERED" ? "good" : "info"}>
                  {shipment.status === "DELIVERED" ? "Delivered" : "On its way"}
                </Badge>
              </div>
              <p className="text-xs text-zinc-500">
                Shipped <Time date={shipment.shippedAt} />
                {shipment.deliveredAt ? (
                  <>
                    {" "}
                    · delivered <Time date={shipment.deliveredAt} />
                  </>
                ) : null}
              </p>
              <ShipmentLines lines={shipment.lines} className="mt-1 text-zinc-700" />
              {shipment.status === "SHIPPED" ? (
                <div className="mt-2">
                  <DeliverForm orderId={order.id} shipmentId={shipment.id} label="Mark delivered" />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
