-- A paid reservation whose units have not left stock yet (docs/checkout-and-payments.md, "Paid, then
-- applied"): the payment moves ACTIVE -> PAID without touching the inventory row, and lib/inventory's
-- batched apply (lib/inventory/paid-stock.ts) takes onHand and reserved down for many paid reservations
-- at once and moves them PAID -> COMMITTED. Until then `reserved` still counts the units.
ALTER TYPE "ReservationStatus" ADD VALUE 'PAID' AFTER 'ACTIVE';
