import Link from "next/link";
import { getSessionUser } from "@/lib/auth/session";
import { SignOutButton } from "@/components/auth/sign-out-button";

export async function AdminUserMenu() {
  const user = await getSessionUser();
  if (!user) return null;
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="hidden text-zinc-300 sm:inline" data-testid="admin-user">
        {user.email} <span className="text-zinc-400">({user.role.toLowerCase()})</span>
      </span>
      {/* Not prefetched, as in the storefront's header: every admin page would otherwise ask the server for
          the account page's shell, rendering it whenever a save had just expired it. */}
      <Link href="/account" prefetch={false} className="font-medium underline-offset-2 hover:underline">
        Account
      </Link>
      <SignOutButton />
    </div>
  );
}
