// Brands (lib/settings/brands.ts): create, rename, delete when no product uses it.
import type { Metadata } from "next";
import { requireAdminSettingsPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { listBrandsForAdmin } from "@/lib/settings/brands";
import { DataTable, TableHead } from "@/components/admin/ui";
import { RecordChanges, seoRecordValues } from "@/components/admin/settings/record-changes";
import type { SettingsField } from "@/components/admin/settings/settings-form";
import { SettingsShell } from "@/components/admin/settings/settings-shell";
import { createBrandAction, deleteBrandAction, updateBrandAction } from "../actions";

export const metadata: Metadata = { title: "Brands" };

const fields: SettingsField[] = [
  { name: "name", label: "Name", required: true },
  { name: "slug", label: "Slug", hint: "Empty: made from the name" },
  { name: "seoTitle", label: "SEO title" },
  { name: "seoDescription", label: "SEO description", type: "textarea", wide: true },
];

export default async function BrandsSettingsPage() {
  const { canEdit } = await requireAdminSettingsPage("/admin/settings/brands");
  const brands = await listBrandsForAdmin(prisma);
  return (
    <SettingsShell
      title="Brands"
      description="Brands shown on products and used by search. A rename updates the products' pages and search results; a brand can be deleted once no product uses it."
      canEdit={canEdit}
      create={{
        title: "New brand",
        label: "New brand",
        action: createBrandAction,
        submitLabel: "Create brand",
        successMessage: "Brand created.",
        fields,
      }}
    >
      <DataTable caption="Brands">
        <TableHead columns={["Brand", "Slug", "Products", "Changes"]} />
        <tbody>
          {brands.map((brand) => (
            <tr key={brand.id} data-brand={brand.slug}>
              <td className="font-medium">{brand.name}</td>
              <td className="font-mono text-xs">{brand.slug}</td>
              <td className="tabular-nums">{brand.productCount}</td>
              <td>
                <RecordChanges
                  id={brand.id}
                  name={brand.name}
                  canEdit={canEdit}
                  edit={{
                    action: updateBrandAction,
                    submitLabel: "Save brand",
                    values: seoRecordValues(brand),
                    fields,
                  }}
                  deleteAction={deleteBrandAction}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </SettingsShell>
  );
}
