// The frame of every store settings page: its title, the sections, for administrators the card that
// creates a record, and for staff a note that only administrators change settings.
import type { ComponentProps, ReactNode } from "react";
import { AdminPageHeader, Card } from "@/components/admin/ui";
import { SettingsForm } from "./settings-form";
import { SettingsNav } from "./settings-nav";

export function SettingsShell({
  title,
  description,
  canEdit,
  create,
  children,
}: {
  title: string;
  description: string;
  canEdit: boolean;
  /** The card of the form that adds a record (administrators only). */
  create?: { title: string } & ComponentProps<typeof SettingsForm>;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader title={title} description={description} />
      <SettingsNav />
      {canEdit ? null : (
        <p role="note" className="rounded-md border border-zinc-200 bg-white p-3 text-sm text-zinc-700">
          You can read the store settings; only administrators can change them.
        </p>
      )}
      {canEdit && create ? <CreateCard {...create} /> : null}
      {children}
    </div>
  );
}

function CreateCard({ title, ...form }: { title: string } & ComponentProps<typeof SettingsForm>) {
  return (
    <Card title={title}>
      <SettingsForm {...form} />
    </Card>
  );
}
