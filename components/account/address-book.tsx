"use client";

import { useEffect, useState } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import type { SavedAddress } from "@/lib/account/addresses";
import { PostalAddress } from "@/components/ui/postal-address";
import { AddressFields } from "@/components/checkout/address-fields";
import { FormError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

type Countries = { code: string; name: string }[];

/** The address book's actions, from the account page. */
export interface AddressBookActions {
  save: FormAction<{ id: string }>;
  remove: FormAction;
  makeDefault: FormAction;
}

const buttonClass =
  "rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60";

/** The account's saved addresses: one form at a time (add or edit), delete and "make default" per address. */
export function AddressBook({
  addresses,
  countries,
  max,
  actions,
}: {
  addresses: SavedAddress[];
  countries: Countries;
  max: number;
  actions: AddressBookActions;
}) {
  // null: no form open; "new": adding; an id: editing that address.
  const [editing, setEditing] = useState<string | null>(null);
  const current = addresses.find((address) => address.id === editing) ?? null;
  return (
    <div className="flex flex-col gap-4">
      {addresses.length === 0 ? (
        <p className="text-sm text-zinc-600">No saved addresses yet. Your default address fills in checkout.</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" data-testid="address-book">
          {addresses.map((address) => (
            <li
              key={address.id}
              className="flex flex-col gap-3 rounded-lg border border-zinc-200 p-4"
              data-testid="saved-address"
            >
              <PostalAddress address={address} className="text-sm" />
              {address.isDefault ? (
                <span className="self-start rounded bg-zinc-900 px-2 py-0.5 text-xs font-semibold text-white">
                  Default
                </span>
              ) : null}
              <div className="flex flex-wrap gap-2">
                <button type="button" className={buttonClass} onClick={() => setEditing(address.id)}>
                  Edit<span className="sr-only"> address {address.line1}</span>
                </button>
                {address.isDefault ? null : (
                  <AddressButton action={actions.makeDefault} addressId={address.id} label="Make default" />
                )}
                <AddressButton action={actions.remove} addressId={address.id} label="Delete" />
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <AddressBookForm
          key={editing}
          address={current}
          countries={countries}
          save={actions.save}
          onDone={() => setEditing(null)}
        />
      ) : addresses.length < max ? (
        <button type="button" className={`${buttonClass} self-start`} onClick={() => setEditing("new")}>
          Add an address
        </button>
      ) : (
        <p className="text-sm text-zinc-600">You have saved {max} addresses, the most an account can keep.</p>
      )}
    </div>
  );
}

function AddressButton({ action, addressId, label }: { action: FormAction; addressId: string; label: string }) {
  const { action: formAction, pending, failed } = useFormAction(action);
  return (
    <form action={formAction}>
      <input type="hidden" name="addressId" value={addressId} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {label}
      </button>
      {failed ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {failed.error}
        </p>
      ) : null}
    </form>
  );
}

function AddressBookForm({
  address,
  countries,
  save,
  onDone,
}: {
  address: SavedAddress | null;
  countries: Countries;
  save: FormAction<{ id: string }>;
  onDone: () => void;
}) {
  const { result, action, pending, failed, errors } = useFormAction(save);
  useEffect(() => {
    if (result?.ok) onDone();
  }, [result, onDone]);
  return (
    <form
      action={action}
      className="grid max-w-2xl gap-4 rounded-lg border border-zinc-200 p-4 sm:grid-cols-2"
      aria-label={address ? "Edit address" : "New address"}
      noValidate
    >
      <h3 className="font-semibold sm:col-span-2">{address ? "Edit address" : "New address"}</h3>
      <div className="sm:col-span-2">
        <FormError
          message={failed ? (failed.fieldErrors ? "Please correct the highlighted fields." : failed.error) : null}
        />
      </div>
      {address ? <input type="hidden" name="addressId" value={address.id} /> : null}
      <AddressFields address={address} values={failed?.values} errors={errors} countries={countries} />
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" name="makeDefault" defaultChecked={address?.isDefault} />
        Use as my default address
      </label>
      <div className="flex gap-3 sm:col-span-2">
        <SubmitButton pending={pending}>Save address</SubmitButton>
        <button type="button" className={buttonClass} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
