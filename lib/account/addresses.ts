// A customer's address book: saved shipping addresses, one of them the default, which prefills the
// checkout's address step (app/(store)/checkout/shipping) for a signed-in shopper.
//
// Every function takes the account's id from the caller's session and every read and write is filtered
// by it (`{ id, userId }`, checked by row count): an address of another account is "not found", exactly
// like an address that does not exist, and is never read, changed or deleted. Writes lock the account's
// row first, so concurrent changes of one book (two "set default" at once) apply one after the other and
// leave exactly one default.
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";
import { idSchema } from "@/lib/ids";
import { shippingAddressSchema, type ShippingAddress } from "@/lib/checkout/address";
import { CHECKOUT_COUNTRIES } from "@/lib/cart/countries";

/** Enough for home, work, family and a few gift recipients; a bound on what one account can store. */
export const MAX_ADDRESSES = 20;

const SHIPPABLE = new Set<string>(CHECKOUT_COUNTRIES);

/** The checkout's own address rules, plus a country the checkout offers (a saved address must be usable). */
export const addressInput = shippingAddressSchema.refine((address) => SHIPPABLE.has(address.country), {
  path: ["country"],
  message: "Choose a country we ship to.",
});

export const addressIdInput = z.object({
  addressId: idSchema({ missing: "Choose an address.", invalid: "That address no longer exists." }),
});

export const saveAddressInput = z.intersection(
  addressInput,
  z.object({
    addressId: addressIdInput.shape.addressId.optional().or(z.literal("").transform(() => undefined)),
    makeDefault: z
      .string()
      .optional()
      .transform((value) => value === "on" || value === "true"),
  }),
);

export interface SavedAddress extends ShippingAddress {
  id: string;
  isDefault: boolean;
}

const NOT_FOUND = "That address no longer exists.";

const SELECT = {
  id: true,
  firstName: true,
  lastName: true,
  company: true,
  line1: true,
  line2: true,
  city: true,
  region: true,
  postalCode: true,
  country: true,
  phone: true,
  isDefault: true,
} as const;

type Row = Prisma.AddressGetPayload<{ select: typeof SELECT }>;

// The optional parts (company, line2, region, phone) are null in the database and absent in the app.
function toSaved(row: Row): SavedAddress {
  const { company, line2, region, phone, country, ...required } = row;
  const optional = { company, line2, region, phone };
  return { ...required, country: country.trim(), ...mapValues(optional, (value) => value ?? undefined) };
}

function columns(address: ShippingAddress) {
  const { company, line2, region, phone, ...required } = address;
  return { ...required, ...mapValues({ company, line2, region, phone }, (value) => value ?? null) };
}

function mapValues<K extends string, V, R>(record: Record<K, V>, map: (value: V) => R): Record<K, R> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value as V)])) as Record<K, R>;
}

/** The account's addresses, default first, then newest. */
export async function listAddresses(db: Db, userId: string): Promise<SavedAddress[]> {
  const rows = await db.address.findMany({
    where: { userId },
    orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }, { id: "asc" }],
    select: SELECT,
    take: MAX_ADDRESSES,
  });
  return rows.map(toSaved);
}

/** The address that prefills checkout: the default one (null when the book is empty). */
export async function defaultAddress(db: Db, userId: string): Promise<SavedAddress | null> {
  const [first] = await listAddresses(db, userId);
  return first?.isDefault ? first : null;
}

async function lockBook(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
  if (locked.length === 0) throw new UserError("unauthenticated", "Please sign in again.");
}

/**
 * Adds an address, or replaces the fields of one of the account's own (`addressId`). The first address of a
 * book is its default; `makeDefault` makes this one the default.
 */
export async function saveAddress(
  db: Db,
  userId: string,
  input: z.input<typeof shippingAddressSchema> & { addressId?: string; makeDefault?: boolean },
): Promise<SavedAddress> {
  const { addressId, makeDefault, ...address } = input;
  const data = columns(addressInput.parse(address));
  return db.$transaction(async (tx) => {
    await lockBook(tx, userId);
    let id = addressId;
    if (id) {
      const { count } = await tx.address.updateMany({ where: { id, userId }, data });
      if (count !== 1) throw new UserError("not_found", NOT_FOUND);
    } else {
      const existing = await tx.address.count({ where: { userId } });
      if (existing >= MAX_ADDRESSES) {
        throw new UserError("too_many_addresses", `You can save up to ${MAX_ADDRESSES} addresses. Delete one first.`);
      }
      id = (await tx.address.create({ data: { ...data, userId, isDefault: existing === 0 }, select: { id: true } })).id;
    }
    if (makeDefault) await setDefaultLocked(tx, userId, id);
    return toSaved(await tx.address.findUniqueOrThrow({ where: { id }, select: SELECT }));
  });
}

async function setDefaultLocked(tx: Prisma.TransactionClient, userId: string, addressId: string): Promise<void> {
  const { count } = await tx.address.updateMany({ where: { id: addressId, userId }, data: { isDefault: true } });
  if (count !== 1) throw new UserError("not_found", NOT_FOUND);
  await tx.address.updateMany({
    where: { userId, isDefault: true, id: { not: addressId } },
    data: { isDefault: false },
  });
}

export async function setDefaultAddress(db: Db, userId: string, addressId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockBook(tx, userId);
    await setDefaultLocked(tx, userId, addressId);
  });
}

/** Deletes one of the account's addresses; when it was the default, the newest remaining one becomes it. */
export async function deleteAddress(db: Db, userId: string, addressId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockBook(tx, userId);
    const address = await tx.address.findFirst({ where: { id: addressId, userId }, select: { isDefault: true } });
    if (!address) throw new UserError("not_found", NOT_FOUND);
    const { count } = await tx.address.deleteMany({ where: { id: addressId, userId } });
    if (count !== 1) throw new UserError("not_found", NOT_FOUND);
    if (!address.isDefault) return;
    const next = await tx.address.findFirst({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: { id: true },
    });
    if (next) await tx.address.update({ where: { id: next.id }, data: { isDefault: true } });
  });
}
