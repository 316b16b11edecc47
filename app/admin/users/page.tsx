import type { Metadata } from "next";
import { prisma } from "@/lib/db";
import { requireAdminPage } from "@/lib/auth/guard";
import { listUsers, userListParams } from "@/lib/auth/users-admin";
import { AdminPageHeader, Badge, Card, DataTable, EmptyState, Pagination, TableHead } from "@/components/admin/ui";
import { FilterField, FilterForm, SearchFilter, filterControlClass } from "@/components/admin/list-filters";
import { RoleForm } from "@/components/admin/users/role-form";
import { CreateStaffForm } from "@/components/admin/users/create-staff-form";
import { createStaffAction, setUserRoleAction } from "@/app/admin/users/actions";

export const metadata: Metadata = { title: "Users" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireAdminPage("ADMIN", "/admin/users");
  const params = userListParams.parse(await searchParams);
  const { users, total, pageCount } = await listUsers(prisma, params);
  const hrefFor = (page: number) => {
    const query = new URLSearchParams();
    if (params.q) query.set("q", params.q);
    if (params.role) query.set("role", params.role);
    if (page > 1) query.set("page", String(page));
    const text = query.toString();
    return text ? `/admin/users?${text}` : "/admin/users";
  };
  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Users"
        description={`${total} account${total === 1 ? "" : "s"}. Role changes sign the account out everywhere.`}
      />
      <Card title="Add a staff account">
        <CreateStaffForm createStaff={createStaffAction} />
      </Card>
      <FilterForm action="/admin/users" clearable={false}>
        <SearchFilter defaultValue={params.q} maxLength={200} placeholder="Email or name" />
        <FilterField label="Role">
          <select name="role" defaultValue={params.role ?? ""} className={filterControlClass}>
            <option value="">All</option>
            <option value="ADMIN">Admin</option>
            <option value="STAFF">Staff</option>
            <option value="CUSTOMER">Customer</option>
          </select>
        </FilterField>
      </FilterForm>
      {users.length === 0 ? (
        <EmptyState title="No accounts match">Try another search or role.</EmptyState>
      ) : (
        <DataTable caption="Accounts">
          <TableHead columns={["Email", "Name", "Orders", "Since", "Role"]} />
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  {user.email} {user.id === actor.id ? <Badge tone="info">you</Badge> : null}
                </td>
                <td>{user.name ?? "—"}</td>
                <td>{user._count.orders}</td>
                <td>{user.createdAt.toISOString().slice(0, 10)}</td>
                <td>
                  <RoleForm userId={user.id} email={user.email} role={user.role} setRole={setUserRoleAction} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pagination page={params.page} pageCount={pageCount} hrefFor={hrefFor} />
    </div>
  );
}
