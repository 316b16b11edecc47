// How much one cart may hold. Apart from the cart's schemas (lib/cart/schemas.ts) so the browser's
// quantity pickers read them without bundling zod.
export const MAX_LINE_QUANTITY = 99;
export const MAX_CART_LINES = 50;
