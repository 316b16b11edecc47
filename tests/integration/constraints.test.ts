// Every CHECK constraint of the init migration is enforced by PostgreSQL itself: each violating change is
// rejected with that constraint's name (so a bug in lib/ cannot store it), and the closest valid change
// is accepted (so the rule is not stricter than meant). Cases run on one fixture row per table, each
// inside a transaction that is rolled back, so every case starts from the same valid data.
// Where a change breaks two rules (a negative onHand also breaks reserved <= onHand), the reported name is
// still certain: PostgreSQL tests a table's CHECK constraints in alphabetical order of their names
// (documented under CREATE TABLE), so the cases below are chosen to break only the rule they name, or to
// break it as the alphabetically first.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

type Row = Record<string, unknown>;

interface ConstraintCase {
  constraint: string;
  table: string;
  /** Changes to the table's fixture row that must each be rejected by `constraint`. */
  rejects: Row[];
  /** Changes that must be accepted: the boundary values of the rule. */
  accepts: Row[];
  /** The fixture row's key column, for a table whose primary key is not `id` (its value is the fixture id). */
  key?: string;
}

const CHECK_VIOLATION = "23514";

// Fixture ids: one valid row per table that has a CHECK constraint (plus what they reference).
const id = (table: string) => `fixture_${table.toLowerCase()}`;

const FIXTURES = `
INSERT INTO "User" (id, email, "updatedAt") VALUES ('${id("User")}', 'shopper@example.com', now());
INSERT INTO "Category" (id, slug, name, "updatedAt") VALUES ('${id("Category")}', 'shirts', 'Shirts', now());
INSERT INTO "Product" (id, slug, title, "categoryId", "priceMinCents", "priceMaxCents", "updatedAt")
  VALUES ('${id("Product")}', 'tee', 'Tee', '${id("Category")}', 1000, 1500, now());
INSERT INTO "Variant" (id, "productId", sku, "priceCents", "compareAtPriceCents", "weightGrams", "updatedAt")
  VALUES ('${id("Variant")}', '${id("Product")}', 'TEE-M', 1000, 1200, 200, now());
INSERT INTO "Location" (id, code, name) VALUES ('${id("Location")}', 'main', 'Main warehouse');
INSERT INTO "InventoryLevel" (id, "variantId", "locationId", "onHand", reserved, "updatedAt")
  VALUES ('${id("InventoryLevel")}', '${id("Variant")}', '${id("Location")}', 10, 2, now());
INSERT INTO "Coupon" (id, code, type, value, "usageLimit", "timesRedeemed", "updatedAt")
  VALUES ('${id("Coupon")}', 'SAVE5', 'FIXED_AMOUNT', 500, 10, 3, now());
INSERT INTO "Cart" (id, "expiresAt", "updatedAt") VALUES ('${id("Cart")}', now() + interval '30 days', now());
INSERT INTO "CartLine" (id, "cartId", "variantId", quantity, "unitPriceCentsAtAdd", "updatedAt")
  VALUES ('${id("CartLine")}', '${id("Cart")}', '${id("Variant")}', 2, 1000, now());
INSERT INTO "Order" (id, "checkoutToken", email, currency, "subtotalCents", "shippingCents", "taxCents",
    "totalCents", "refundedCents", "taxRateBps", "shippingMethod", "shippingMethodName", "shippingAddress", "updatedAt")
  VALUES ('${id("Order")}', 'chk_fixture', 'shopper@example.com', 'USD', 2000, 500, 165, 2665, 100, 825,
    'STANDARD', 'Standard', '{}', now());
INSERT INTO "OrderLine" (id, "orderId", title, sku, quantity, "unitPriceCents", "taxCents", "totalCents", "fulfilledQuantity")
  VALUES ('${id("OrderLine")}', '${id("Order")}', 'Tee', 'TEE-M', 2, 1000, 165, 2165, 1);
INSERT INTO "Payment" (id, "orderId", provider, "amountCents", currency, "updatedAt")
  VALUES ('${id("Payment")}', '${id("Order")}', 'TEST', 2665, 'USD', now());
INSERT INTO "Refund" (id, "orderId", "paymentId", "amountCents", currency, "requestKey", "updatedAt")
  VALUES ('${id("Refund")}', '${id("Order")}', '${id("Payment")}', 100, 'USD', 'refund_fixture', now());
INSERT INTO "Shipment" (id, "orderId", carrier, "trackingNumber") VALUES ('${id("Shipment")}', '${id("Order")}', 'UPS', '1Z');
INSERT INTO "ShipmentLine" (id, "shipmentId", "orderLineId", quantity)
  VALUES ('${id("ShipmentLine")}', '${id("Shipment")}', '${id("OrderLine")}', 1);
INSERT INTO "Reservation" (id, "orderId", "variantId", "locationId", quantity, "expiresAt", "updatedAt")
  VALUES ('${id("Reservation")}', '${id("Order")}', '${id("Variant")}', '${id("Location")}', 2, now() + interval '15 minutes', now());
INSERT INTO "Product" (id, slug, title, "categoryId", "updatedAt") VALUES
  ('${id("ProductPair")}', 'pair-a', 'Pair A', '${id("Category")}', now()),
  ('${id("ProductPair")}_b', 'pair-b', 'Pair B', '${id("Category")}', now()),
  ('${id("ProductSales")}', 'sales', 'Sales', '${id("Category")}', now());
INSERT INTO "ProductPair" ("productAId", "productBId", orders, "updatedAt")
  VALUES ('${id("ProductPair")}', '${id("ProductPair")}_b', 3, now());
INSERT INTO "ProductSales" ("productId", orders, units, "updatedAt") VALUES ('${id("ProductSales")}', 3, 4, now());
INSERT INTO "Review" (id, "productId", "authorName", rating) VALUES ('${id("Review")}', '${id("Product")}', 'Ann', 4);
INSERT INTO "ColourFamilyMapping" (colour, family, "updatedAt") VALUES ('${id("ColourFamilyMapping")}', 'blue', now());
INSERT INTO "SearchSynonym" (id, terms, "updatedAt") VALUES ('${id("SearchSynonym")}', ARRAY['chinos', 'trousers'], now());
INSERT INTO "RiskSettings" (id, "holdAtScore", "valueMultiplePercent", "minOrdersForAverage", "valuePoints",
  "velocityWindowMinutes", "maxOrdersPerEmail", "maxOrdersPerIp", "maxOrdersPerCard", "velocityPoints",
  "countryMismatchPoints", "firstOrderExpressCents", "firstOrderExpressPoints", "maxFailedAttempts",
  "failedAttemptsPoints", "updatedAt")
  VALUES ('${id("RiskSettings")}', 80, 300, 10, 40, 60, 3, 5, 3, 20, 40, 50000, 40, 2, 40, now());
INSERT INTO "StoreSettings" (id, "updatedAt") VALUES ('${id("StoreSettings")}', now());
INSERT INTO "ShippingRate" (id, zone, countries, method, name, "priceCents", "freeOverCents", "minDays", "maxDays", "updatedAt")
  VALUES ('${id("ShippingRate")}', 'domestic', ARRAY['US'], 'STANDARD', 'Standard', 500, 5000, 2, 5, now());
INSERT INTO "TaxRate" (id, country, "rateBps", name, "updatedAt") VALUES ('${id("TaxRate")}', 'US', 825, 'US sales tax', now());
INSERT INTO "CouponRedemption" (id, "couponId", "orderId", email, "amountCents")
  VALUES ('${id("CouponRedemption")}', '${id("Coupon")}', '${id("Order")}', 'shopper@example.com', 500);
INSERT INTO "Promotion" (id, name, kind, "valueBps", "usageLimit", "timesUsed", "updatedAt")
  VALUES ('${id("Promotion")}', 'Winter sale', 'PERCENT_OFF', 1000, 10, 3, now());
INSERT INTO "OrderDiscount" (id, "orderId", position, source, "promotionId", name, "amountCents")
  VALUES ('${id("OrderDiscount")}', '${id("Order")}', 0, 'PROMOTION', '${id("Promotion")}', 'Winter sale', 200);
INSERT INTO "ReturnRequest" (id, "orderId", reason, "requestKey", "updatedAt")
  VALUES ('${id("ReturnRequest")}', '${id("Order")}', 'wrong_size', 'return_fixture', now());
INSERT INTO "ReturnLine" (id, "returnId", "orderLineId", quantity, "creditCents", "exchangeCents")
  VALUES ('${id("ReturnLine")}', '${id("ReturnRequest")}', '${id("OrderLine")}', 1, 1000, 500);
`;

/** Currency columns hold ISO 4217 codes: exactly three upper-case letters. */
const currencyCase = (table: string): ConstraintCase => ({
  constraint: `${table}_currency_check`,
  table,
  rejects: [{ currency: "usd" }, { currency: "US1" }, { currency: "US" }, { currency: "U$D" }],
  accepts: [{ currency: "EUR" }],
});

const CASES: ConstraintCase[] = [
  // Stock
  {
    constraint: "InventoryLevel_onHand_check",
    table: "InventoryLevel",
    rejects: [{ onHand: -1, reserved: 0 }],
    accepts: [{ onHand: 0, reserved: 0 }],
  },
  {
    constraint: "InventoryLevel_reserved_check",
    table: "InventoryLevel",
    rejects: [{ reserved: -1 }],
    accepts: [{ reserved: 0 }],
  },
  {
    constraint: "InventoryLevel_reserved_lte_onHand_check",
    table: "InventoryLevel",
    rejects: [{ onHand: 5, reserved: 6 }, { onHand: 1 }],
    accepts: [{ onHand: 5, reserved: 5 }],
  },
  {
    constraint: "Variant_lowStockThreshold_check",
    table: "Variant",
    rejects: [{ lowStockThreshold: -1 }],
    accepts: [{ lowStockThreshold: 0 }],
  },

  // Catalog money and data
  {
    constraint: "Variant_priceCents_check",
    table: "Variant",
    rejects: [{ priceCents: -1 }],
    accepts: [{ priceCents: 0 }],
  },
  {
    constraint: "Variant_compareAtPriceCents_check",
    table: "Variant",
    rejects: [{ compareAtPriceCents: -1 }],
    accepts: [{ compareAtPriceCents: 0 }, { compareAtPriceCents: null }],
  },
  {
    constraint: "Variant_weightGrams_check",
    table: "Variant",
    rejects: [{ weightGrams: -1 }],
    accepts: [{ weightGrams: 0 }, { weightGrams: null }],
  },
  currencyCase("Variant"),
  {
    constraint: "Product_price_check",
    table: "Product",
    rejects: [{ priceMinCents: -1 }, { priceMinCents: 1600 }, { priceMinCents: 500, priceMaxCents: 400 }],
    accepts: [
      { priceMinCents: 0, priceMaxCents: 0 },
      { priceMinCents: 1500, priceMaxCents: 1500 },
    ],
  },
  currencyCase("Product"),
  {
    constraint: "Product_rating_check",
    table: "Product",
    rejects: [{ reviewCount: -1 }, { ratingAverage: -0.1 }, { ratingAverage: 5.01 }],
    accepts: [
      { ratingAverage: 0, reviewCount: 0 },
      { ratingAverage: 5, reviewCount: 3 },
    ],
  },
  {
    constraint: "Review_rating_check",
    table: "Review",
    rejects: [{ rating: 0 }, { rating: 6 }],
    accepts: [{ rating: 1 }, { rating: 5 }],
  },
  {
    constraint: "Review_text_length_check",
    table: "Review",
    rejects: [
      { title: "t".repeat(121) },
      { body: "b".repeat(5001) },
      { authorName: "" },
      { authorName: "a".repeat(81) },
    ],
    accepts: [
      { title: "t".repeat(120), body: "b".repeat(5000), authorName: "a".repeat(80) },
      { title: "", body: "" },
    ],
  },

  // Recommendation counts: one row per unordered pair (smaller id first), never below zero.
  {
    constraint: "ProductPair_order_check",
    table: "ProductPair",
    key: "productAId",
    rejects: [{ productBId: id("Product") }, { productBId: id("ProductPair") }],
    accepts: [{ productBId: id("ProductSales") }],
  },
  {
    constraint: "ProductPair_orders_check",
    table: "ProductPair",
    key: "productAId",
    rejects: [{ orders: -1 }],
    accepts: [{ orders: 0 }],
  },
  {
    constraint: "ProductSales_counts_check",
    table: "ProductSales",
    key: "productId",
    rejects: [{ orders: -1 }, { units: -1 }],
    accepts: [{ orders: 0, units: 0 }],
  },

  // Search tuning: a colour is stored lower-cased and trimmed; a synonym group holds 1 to 20 terms.
  {
    constraint: "ColourFamilyMapping_colour_check",
    table: "ColourFamilyMapping",
    key: "colour",
    rejects: [{ colour: "Navy" }, { colour: " navy" }, { colour: "" }],
    accepts: [{ colour: "navy" }, { colour: "sky blue" }],
  },
  {
    constraint: "SearchSynonym_terms_check",
    table: "SearchSynonym",
    rejects: [{ terms: [] }, { terms: Array.from({ length: 21 }, (_, i) => `term${i}`) }],
    accepts: [{ terms: ["chinos"] }, { terms: Array.from({ length: 20 }, (_, i) => `term${i}`) }],
  },

  // The store's fraud rules: a reachable, positive hold score; points 0 (off) to 1000; sane limits.
  {
    constraint: "RiskSettings_holdAtScore_check",
    table: "RiskSettings",
    rejects: [{ holdAtScore: 0 }, { holdAtScore: 1001 }],
    accepts: [{ holdAtScore: 1 }, { holdAtScore: 1000 }],
  },
  {
    constraint: "RiskSettings_limits_check",
    table: "RiskSettings",
    rejects: [
      { valueMultiplePercent: 99 },
      { minOrdersForAverage: 0 },
      { velocityWindowMinutes: 4 },
      { velocityWindowMinutes: 1441 },
      { maxOrdersPerEmail: 1 },
      { maxOrdersPerIp: 1 },
      { maxOrdersPerCard: 1 },
      { firstOrderExpressCents: -1 },
      { maxFailedAttempts: 0 },
    ],
    accepts: [
      {
        valueMultiplePercent: 100,
        minOrdersForAverage: 1,
        velocityWindowMinutes: 5,
        maxOrdersPerEmail: 2,
        maxOrdersPerIp: 2,
        maxOrdersPerCard: 2,
        firstOrderExpressCents: 0,
        maxFailedAttempts: 1,
      },
      { velocityWindowMinutes: 1440 },
    ],
  },
  {
    constraint: "RiskSettings_points_check",
    table: "RiskSettings",
    rejects: [
      { valuePoints: -1 },
      { velocityPoints: 1001 },
      { countryMismatchPoints: -1 },
      { firstOrderExpressPoints: 1001 },
      { failedAttemptsPoints: -1 },
    ],
    accepts: [
      {
        valuePoints: 0,
        velocityPoints: 0,
        countryMismatchPoints: 0,
        firstOrderExpressPoints: 0,
        failedAttemptsPoints: 0,
      },
      { valuePoints: 1000, failedAttemptsPoints: 1000 },
    ],
  },

  // The store settings: a known currency display, a return window of 0 to 365 days, an amount, few recipients.
  {
    constraint: "StoreSettings_currencyDisplay_check",
    table: "StoreSettings",
    rejects: [{ currencyDisplay: "name" }, { currencyDisplay: "" }],
    accepts: [{ currencyDisplay: "code" }, { currencyDisplay: "narrowSymbol" }],
  },
  {
    constraint: "StoreSettings_freeShippingThresholdCents_check",
    table: "StoreSettings",
    rejects: [{ freeShippingThresholdCents: -1 }],
    accepts: [{ freeShippingThresholdCents: 0 }, { freeShippingThresholdCents: null }],
  },
  {
    constraint: "StoreSettings_lowStockRecipients_check",
    table: "StoreSettings",
    rejects: [{ lowStockRecipients: Array.from({ length: 21 }, (_, i) => `ops${i}@example.com`) }],
    accepts: [
      { lowStockRecipients: Array.from({ length: 20 }, (_, i) => `ops${i}@example.com`) },
      { lowStockRecipients: [] },
    ],
  },
  {
    constraint: "StoreSettings_returnWindowDays_check",
    table: "StoreSettings",
    rejects: [{ returnWindowDays: -1 }, { returnWindowDays: 366 }],
    accepts: [{ returnWindowDays: 0 }, { returnWindowDays: 365 }],
  },

  // Carts
  currencyCase("Cart"),
  {
    constraint: "CartLine_unitPriceCentsAtAdd_check",
    table: "CartLine",
    rejects: [{ unitPriceCentsAtAdd: -1 }],
    accepts: [{ unitPriceCentsAtAdd: 0 }],
  },
  {
    constraint: "CartLine_quantity_check",
    table: "CartLine",
    rejects: [{ quantity: 0 }, { quantity: -1 }, { quantity: 100 }],
    accepts: [{ quantity: 1 }, { quantity: 99 }],
  },

  // Orders
  {
    constraint: "Order_money_check",
    table: "Order",
    rejects: [
      { subtotalCents: -1 },
      { discountCents: -1 },
      { shippingCents: -1 },
      { taxCents: -1 },
      { totalCents: -1, refundedCents: -1 },
      { refundedCents: -1 },
    ],
    accepts: [{ subtotalCents: 0, discountCents: 0, shippingCents: 0, taxCents: 0, totalCents: 0, refundedCents: 0 }],
  },
  {
    constraint: "Order_refundedCents_check",
    table: "Order",
    rejects: [{ refundedCents: 2666 }, { totalCents: 99 }],
    accepts: [{ refundedCents: 2665 }],
  },
  {
    constraint: "Order_taxRateBps_check",
    table: "Order",
    rejects: [{ taxRateBps: -1 }, { taxRateBps: 10001 }],
    accepts: [{ taxRateBps: 0 }, { taxRateBps: 10000 }],
  },
  {
    constraint: "Order_riskScore_check",
    table: "Order",
    rejects: [{ riskScore: -1 }],
    accepts: [{ riskScore: 0 }, { riskScore: null }],
  },
  currencyCase("Order"),
  {
    constraint: "OrderLine_money_check",
    table: "OrderLine",
    rejects: [{ unitPriceCents: -1 }, { discountCents: -1 }, { taxCents: -1 }, { totalCents: -1 }],
    accepts: [{ unitPriceCents: 0, discountCents: 0, taxCents: 0, totalCents: 0 }],
  },
  // quantity 0 with nothing fulfilled: only the quantity rule is broken.
  {
    constraint: "OrderLine_quantity_check",
    table: "OrderLine",
    rejects: [{ quantity: 0, fulfilledQuantity: 0 }],
    accepts: [{ quantity: 1, fulfilledQuantity: 0 }],
  },
  {
    constraint: "OrderLine_fulfilledQuantity_check",
    table: "OrderLine",
    rejects: [{ fulfilledQuantity: -1 }, { fulfilledQuantity: 3 }, { quantity: 1, fulfilledQuantity: 2 }],
    accepts: [{ fulfilledQuantity: 0 }, { fulfilledQuantity: 2 }],
  },
  // The fixture line shipped 1 unit: at most that one can be in returns.
  {
    constraint: "OrderLine_returnedQuantity_check",
    table: "OrderLine",
    rejects: [{ returnedQuantity: -1 }, { returnedQuantity: 2 }, { fulfilledQuantity: 2, returnedQuantity: 3 }],
    accepts: [{ returnedQuantity: 0 }, { returnedQuantity: 1 }, { fulfilledQuantity: 2, returnedQuantity: 2 }],
  },
  {
    constraint: "ReturnLine_quantity_check",
    table: "ReturnLine",
    rejects: [{ quantity: 0 }, { quantity: -1 }],
    accepts: [{ quantity: 1 }],
  },
  // An exchange's cost is an amount; a dearer one may cost more than the credit (the difference is paid).
  {
    constraint: "ReturnLine_money_check",
    table: "ReturnLine",
    rejects: [{ creditCents: -1, exchangeCents: 0 }, { exchangeCents: -1 }],
    accepts: [
      { exchangeCents: 0 },
      { exchangeCents: 1000 },
      { exchangeCents: 1001 },
      { creditCents: 0, exchangeCents: 0 },
    ],
  },
  // Only a difference that is due can be held for or paid.
  {
    constraint: "ReturnRequest_difference_check",
    table: "ReturnRequest",
    rejects: [
      { differenceCents: -1 },
      { differencePaidAt: "2026-12-01T00:00:00Z" },
      { differenceDueBy: "2026-12-01T00:00:00Z" },
    ],
    accepts: [
      { differenceCents: 250 },
      { differenceCents: 250, differenceDueBy: "2026-12-01T00:00:00Z", differencePaidAt: "2026-12-01T00:00:00Z" },
    ],
  },
  {
    constraint: "ReturnLine_received_check",
    table: "ReturnLine",
    rejects: [
      { receivedAt: "2026-12-01T00:00:00Z" },
      { condition: "DAMAGED" },
      { locationId: id("Location") },
      { receivedAt: "2026-12-01T00:00:00Z", condition: "RESELLABLE" },
    ],
    accepts: [{ receivedAt: "2026-12-01T00:00:00Z", condition: "DAMAGED", locationId: id("Location") }],
  },
  {
    constraint: "ReturnRequest_refundCents_check",
    table: "ReturnRequest",
    rejects: [{ refundCents: -1 }],
    accepts: [{ refundCents: 0 }, { refundCents: null }, { refundCents: 500 }],
  },
  {
    constraint: "Reservation_quantity_check",
    table: "Reservation",
    rejects: [{ quantity: 0 }, { quantity: -1 }],
    accepts: [{ quantity: 1 }],
  },
  {
    constraint: "ShipmentLine_quantity_check",
    table: "ShipmentLine",
    rejects: [{ quantity: 0 }],
    accepts: [{ quantity: 2 }],
  },

  // Payments and refunds
  {
    constraint: "Payment_amountCents_check",
    table: "Payment",
    rejects: [{ amountCents: -1 }],
    accepts: [{ amountCents: 0 }],
  },
  currencyCase("Payment"),
  {
    constraint: "Payment_autoRefundReason_check",
    table: "Payment",
    rejects: [{ autoRefundReason: "" }, { autoRefundReason: "order_cancelled: note" }],
    accepts: [
      { autoRefundReason: null },
      { autoRefundReason: "duplicate_payment" },
      { autoRefundReason: "out_of_stock" },
      { autoRefundReason: "promotion_exhausted" },
      { autoRefundReason: "exchange_released" },
      { autoRefundReason: "amount_mismatch" },
      { autoRefundReason: "currency_mismatch" },
      { autoRefundReason: "payment_of_another_order" },
    ],
  },
  {
    constraint: "Refund_amountCents_check",
    table: "Refund",
    rejects: [{ amountCents: 0 }, { amountCents: -100 }],
    accepts: [{ amountCents: 1 }],
  },
  currencyCase("Refund"),
  {
    constraint: "Refund_attempts_check",
    table: "Refund",
    rejects: [{ attempts: -1 }, { keyGeneration: -1 }],
    accepts: [
      { attempts: 0, keyGeneration: 0 },
      { attempts: 12, keyGeneration: 2 },
    ],
  },

  // Shipping and tax configuration
  {
    constraint: "ShippingRate_priceCents_check",
    table: "ShippingRate",
    rejects: [{ priceCents: -1 }, { freeOverCents: -1 }],
    accepts: [{ priceCents: 0, freeOverCents: 0 }, { freeOverCents: null }],
  },
  {
    constraint: "ShippingRate_days_check",
    table: "ShippingRate",
    rejects: [{ minDays: -1 }, { minDays: 6 }],
    accepts: [
      { minDays: 0, maxDays: 0 },
      { minDays: 5, maxDays: 5 },
    ],
  },
  currencyCase("ShippingRate"),
  {
    constraint: "TaxRate_rateBps_check",
    table: "TaxRate",
    rejects: [{ rateBps: -1 }, { rateBps: 10001 }],
    accepts: [{ rateBps: 0 }, { rateBps: 10000 }],
  },

  // Automatic promotions and the discount lines orders keep
  {
    constraint: "Promotion_valueBps_check",
    table: "Promotion",
    rejects: [{ valueBps: 0 }, { valueBps: 10001 }],
    accepts: [{ valueBps: 1 }, { valueBps: 10000 }],
  },
  {
    constraint: "Promotion_amounts_check",
    table: "Promotion",
    rejects: [{ amountCents: 0 }, { minSubtotalCents: -1 }],
    accepts: [{ amountCents: 1 }, { minSubtotalCents: 0 }],
  },
  {
    constraint: "Promotion_quantities_check",
    table: "Promotion",
    rejects: [{ buyQuantity: 0 }, { getQuantity: 101 }],
    accepts: [{ buyQuantity: 1, getQuantity: 100 }],
  },
  {
    constraint: "Promotion_usage_check",
    table: "Promotion",
    rejects: [{ timesUsed: -1 }, { timesUsed: 11 }, { usageLimit: 0, timesUsed: 0 }],
    accepts: [{ timesUsed: 10 }, { usageLimit: null, timesUsed: 1000 }],
  },
  {
    constraint: "Promotion_window_check",
    table: "Promotion",
    rejects: [{ startsAt: new Date("2026-12-01T00:00:00Z"), endsAt: new Date("2026-12-01T00:00:00Z") }],
    accepts: [{ startsAt: new Date("2026-12-01T00:00:00Z"), endsAt: new Date("2026-12-01T00:00:01Z") }],
  },
  {
    constraint: "Promotion_kind_fields_check",
    table: "Promotion",
    rejects: [{ valueBps: null }, { kind: "AMOUNT_OFF" }, { kind: "BUY_X_GET_Y" }, { kind: "TIERED_SPEND" }],
    accepts: [
      { kind: "AMOUNT_OFF", amountCents: 500 },
      { kind: "BUY_X_GET_Y", buyQuantity: 2, getQuantity: 1 },
      { kind: "TIERED_SPEND", tiers: '[{"minCents": 10000, "offCents": 1000}]' },
      { kind: "FREE_SHIPPING", valueBps: null },
    ],
  },
  {
    constraint: "OrderDiscount_amountCents_check",
    table: "OrderDiscount",
    rejects: [{ amountCents: -1 }],
    accepts: [{ amountCents: 0 }],
  },

  // Coupons
  {
    constraint: "Coupon_value_check",
    table: "Coupon",
    rejects: [{ value: 0 }, { value: -500 }, { type: "PERCENTAGE", value: 10001 }],
    // A fixed amount above 10000 minor units is fine; only percentages are capped at 100 %.
    accepts: [{ value: 1 }, { type: "FIXED_AMOUNT", value: 50000 }, { type: "PERCENTAGE", value: 10000 }],
  },
  {
    constraint: "Coupon_timesRedeemed_check",
    table: "Coupon",
    rejects: [{ timesRedeemed: -1 }, { timesRedeemed: 11 }, { usageLimit: 2 }],
    accepts: [{ timesRedeemed: 10 }, { usageLimit: null, timesRedeemed: 1000 }],
  },
  {
    constraint: "Coupon_limits_check",
    table: "Coupon",
    rejects: [{ usageLimit: 0, timesRedeemed: 0 }, { perCustomerLimit: 0 }],
    accepts: [
      { usageLimit: 3, perCustomerLimit: 1 },
      { usageLimit: null, perCustomerLimit: null },
    ],
  },
  {
    constraint: "Coupon_minSubtotalCents_check",
    table: "Coupon",
    rejects: [{ minSubtotalCents: -1 }],
    accepts: [{ minSubtotalCents: 0 }],
  },
  {
    constraint: "Coupon_window_check",
    table: "Coupon",
    rejects: [
      { startsAt: new Date("2026-12-01T00:00:00Z"), endsAt: new Date("2026-12-01T00:00:00Z") },
      { startsAt: new Date("2026-12-02T00:00:00Z"), endsAt: new Date("2026-12-01T00:00:00Z") },
    ],
    accepts: [
      { startsAt: new Date("2026-12-01T00:00:00Z"), endsAt: new Date("2026-12-01T00:00:00.001Z") },
      { startsAt: null, endsAt: new Date("2026-12-01T00:00:00Z") },
      { startsAt: new Date("2026-12-01T00:00:00Z"), endsAt: null },
    ],
  },
  currencyCase("Coupon"),
  {
    constraint: "CouponRedemption_amountCents_check",
    table: "CouponRedemption",
    rejects: [{ amountCents: -1 }],
    accepts: [{ amountCents: 0 }],
  },
];

const describeChange = (change: Row) =>
  Object.entries(change)
    .map(([column, value]) => `${column} = ${value instanceof Date ? value.toISOString() : JSON.stringify(value)}`)
    .join(", ");

describe("CHECK constraints of the init migration", () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase("constraints");
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(FIXTURES);
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  /** Applies the change to the table's fixture row and rolls back; returns PostgreSQL's error, if any. */
  async function tryChange(
    table: string,
    change: Row,
    key = "id",
  ): Promise<(Error & { code?: string; constraint?: string }) | null> {
    const columns = Object.keys(change);
    const assignments = columns.map((column, i) => `"${column}" = $${i + 1}`).join(", ");
    await client.query("BEGIN");
    try {
      await client
        .query(`UPDATE "${table}" SET ${assignments} WHERE "${key}" = $${columns.length + 1}`, [
          ...Object.values(change),
          id(table),
        ])
        .then((result) => {
          if (result.rowCount !== 1) throw new Error(`fixture row ${id(table)} of ${table} is missing`);
        });
      return null;
    } catch (error) {
      return error as Error & { code?: string; constraint?: string };
    } finally {
      await client.query("ROLLBACK");
    }
  }

  test("every CHECK constraint in the database is covered by a case here, and every case exists", async () => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.conname AS name FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE c.contype = 'c' AND n.nspname = 'public' ORDER BY 1`,
    );
    expect(rows.map((r) => r.name).sort()).toEqual(CASES.map((c) => c.constraint).sort());
  });

  describe.each(CASES)("$constraint", ({ constraint, table, rejects, accepts, key }) => {
    test.each(rejects.map((change) => [describeChange(change), change] as const))("rejects %s", async (_, change) => {
      const error = await tryChange(table, change, key);
      expect(error, `${table}: ${describeChange(change)} was accepted`).not.toBeNull();
      expect({ code: error?.code, constraint: error?.constraint }).toEqual({ code: CHECK_VIOLATION, constraint });
    });

    test.each(accepts.map((change) => [describeChange(change), change] as const))("accepts %s", async (_, change) => {
      const error = await tryChange(table, change, key);
      expect(error?.message ?? null, `${table}: ${describeChange(change)} was rejected`).toBeNull();
    });
  });

  test("an insert through Prisma Client is rejected too, with the constraint's name in the error", async () => {
    const cart = await db.prisma.cart.create({ data: { expiresAt: new Date(Date.now() + 86_400_000) } });
    await expect(
      db.prisma.cartLine.create({
        data: { cartId: cart.id, variantId: id("Variant"), quantity: 0, unitPriceCentsAtAdd: 1000 },
      }),
    ).rejects.toThrow(/CartLine_quantity_check/);
    // The rejected insert left nothing behind.
    expect(await db.prisma.cartLine.count({ where: { cartId: cart.id } })).toBe(0);
  });

  test("order numbers start at 1001 and count up", async () => {
    const base = {
      email: "shopper@example.com",
      currency: "USD",
      subtotalCents: 0,
      totalCents: 0,
      shippingMethod: "STANDARD",
      shippingMethodName: "Standard",
      shippingAddress: {},
    };
    const first = await db.prisma.order.create({ data: { ...base, checkoutToken: "chk_number_1" } });
    const second = await db.prisma.order.create({ data: { ...base, checkoutToken: "chk_number_2" } });
    // The fixture order took 1001 through raw SQL, so these are the next two.
    expect([first.number, second.number]).toEqual([1002, 1003]);
    const { rows } = await client.query<{ number: number }>(`SELECT number FROM "Order" WHERE id = $1`, [id("Order")]);
    expect(rows[0]?.number).toBe(1001);
  });
});
