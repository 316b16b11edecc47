// Authorization of the whole admin surface, enumerated rather than listed by hand, so a new admin page,
// server action or route handler cannot be forgotten:
// - pages: every app/admin/**/page.tsx,
// - server actions: every export of a "use server" file under app/admin, matched against the production
//   build's server-reference manifest (which gives each action's id),
// - route handlers: every method exported by app/api/admin/**/route.ts.
//
// Each is called as an anonymous visitor, as a customer, and as a "stale staff" session: a token issued to
// a staff member who has since been made a customer. The proxy turns the first two away early; the third
// passes the proxy (its token still says STAFF) and so proves the server-side check of each page, action
// and handler itself. ADMIN-only parts are also called by a real staff member.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { query } from "./support/db";
import { createUser, signInRequest, uniqueClientIp } from "./support/auth";

const ROOT = process.cwd();
const PROBE_ID = "authz-probe";
// Sections only administrators may use (staff may not manage users).
const ADMIN_ONLY = [/^\/admin\/users(\/|$)/];

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** "app/admin/orders/[id]/page.tsx" -> "/admin/orders/authz-probe" (route groups dropped). */
function routeOf(file: string): string {
  const segments = path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment && !/^\(.*\)$/.test(segment))
    .map((segment) => (/^\[.*\]$/.test(segment) ? PROBE_ID : segment));
  return `/${segments.join("/")}`;
}

const adminOnly = (route: string) => ADMIN_ONLY.some((pattern) => pattern.test(route));

const pageRoutes = walk(path.join(ROOT, "app", "admin"))
  .filter((file) => /\/page\.tsx?$/.test(file))
  .map(routeOf)
  .sort();

const routeHandlers = walk(path.join(ROOT, "app", "api", "admin"))
  .filter((file) => /\/route\.ts$/.test(file))
  .flatMap((file) => {
    const source = readFileSync(file, "utf8");
    const methods = [
      ...source.matchAll(/export\s+(?:async\s+function|const|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g),
    ].map((match) => match[1]!);
    const reexported = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((match) =>
      match[1]!
        .split(",")
        .map((part) =>
          part
            .trim()
            .split(/\s+as\s+/)
            .pop()!,
        )
        .filter((name) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(name)),
    );
    return [...new Set([...methods, ...reexported])].map((method) => ({ method, route: routeOf(file) }));
  });

/** Exported server actions in the sources: "file#name". */
const sourceActions = walk(path.join(ROOT, "app", "admin"))
  .filter((file) => /\.tsx?$/.test(file))
  .flatMap((file) => {
    const source = readFileSync(file, "utf8");
    if (!/^\s*["']use server["']/.test(source)) return [];
    const relative = path.relative(ROOT, file);
    return [...source.matchAll(/export\s+async\s+function\s+(\w+)/g)].map((match) => `${relative}#${match[1]}`);
  })
  .sort();

interface ActionEntry {
  key: string;
  id: string;
  /** A page that includes the action: it is posted there, like the browser does. */
  route: string;
}

function buildActions(): ActionEntry[] {
  const manifestFile = [
    ".next/server/server-reference-manifest.json",
    ".next/dev/server/server-reference-manifest.json",
  ]
    .map((file) => path.join(ROOT, file))
    .find(existsSync);
  if (!manifestFile)
    throw new Error(
      "No server-reference manifest: the admin authorization test needs the store built (npm start builds it).",
    );
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node)
    .filter(([, entry]) => entry.filename?.startsWith("app/admin/"))
    .map(([id, entry]) => {
      const worker =
        Object.keys(entry.workers).find((name) => name.startsWith("app/admin")) ?? Object.keys(entry.workers)[0]!;
      const route = routeOf(path.join(ROOT, worker.replace(/\/page$/, "/page.tsx")));
      return { key: `${entry.filename}#${entry.exportedName}`, id, route };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

async function auditCount(): Promise<number> {
  const [row] = await query<{ count: string }>(`SELECT count(*) FROM "AuditLog"`);
  return Number(row!.count);
}

async function postAction(context: APIRequestContext, action: ActionEntry) {
  // What a forged call looks like: the action id and no (or junk) arguments.
  return context.post(action.route, {
    headers: { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: "[]",
    maxRedirects: 0,
  });
}

async function newContext(baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp(), Origin: baseURL },
  });
}

test.describe("admin authorization", () => {
  test.describe.configure({ mode: "serial" });

  let anonymous: APIRequestContext;
  let customer: APIRequestContext;
  let staleStaff: APIRequestContext;
  let staff: APIRequestContext;

  test.beforeAll(async ({ baseURL }) => {
    anonymous = await newContext(baseURL!);
    customer = await newContext(baseURL!);
    staleStaff = await newContext(baseURL!);
    staff = await newContext(baseURL!);
    const customerUser = await createUser("CUSTOMER");
    await signInRequest(customer, customerUser.email, customerUser.password);
    const demoted = await createUser("STAFF");
    await signInRequest(staleStaff, demoted.email, demoted.password);
    // Demoted behind the session's back (its token still says STAFF, its version still matches).
    await query(`UPDATE "User" SET role = 'CUSTOMER' WHERE id = $1`, [demoted.id]);
    const staffUser = await createUser("STAFF");
    await signInRequest(staff, staffUser.email, staffUser.password);
  });

  test.afterAll(async () => {
    await Promise.all([anonymous, customer, staleStaff, staff].map((context) => context?.dispose()));
  });

  test("the enumeration finds the admin surface", () => {
    expect(pageRoutes).toContain("/admin");
    expect(pageRoutes).toContain("/admin/users");
    expect(sourceActions.length).toBeGreaterThan(0);
    // Every exported action in the sources is in the build (and so is tested below), and vice versa.
    expect(buildActions().map((action) => action.key)).toEqual(sourceActions);
  });

  test("every admin page refuses anonymous visitors, customers and demoted staff", async ({ page, baseURL }) => {
    for (const route of pageRoutes) {
      const anon = await anonymous.get(route, { maxRedirects: 0 });
      expect(anon.status(), `${route} anonymous`).toBe(307);
      expect(anon.headers().location, `${route} anonymous`).toContain("/account/sign-in");

      const asCustomer = await customer.get(route, { maxRedirects: 0 });
      expect(asCustomer.status(), `${route} customer`).toBe(403);
    }
    // The page's own check, past the proxy: rendered in a browser carrying the stale staff session.
    const cookies = (await staleStaff.storageState()).cookies;
    await page.context().addCookies(cookies);
    await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueClientIp() });
    for (const route of pageRoutes) {
      await page.goto(`${baseURL}${route}`);
      await expect(page.getByRole("heading", { name: "You don’t have access to this page" }), route).toBeVisible();
    }
  });

  test("admin-only pages refuse staff", async ({ page }) => {
    await page.context().addCookies((await staff.storageState()).cookies);
    await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueClientIp() });
    for (const route of pageRoutes.filter(adminOnly)) {
      await page.goto(route);
      await expect(page.getByRole("heading", { name: "You don’t have access to this page" }), route).toBeVisible();
    }
  });

  test("every admin server action refuses anonymous callers, customers and demoted staff, and writes nothing", async () => {
    const actions = buildActions();
    const before = await auditCount();
    for (const action of actions) {
      const anon = await postAction(anonymous, action);
      expect([307, 401], `${action.key} anonymous`).toContain(anon.status());

      const asCustomer = await postAction(customer, action);
      expect(asCustomer.status(), `${action.key} customer`).toBe(403);

      // Past the proxy: the action's own check answers.
      const stale = await postAction(staleStaff, action);
      expect(stale.status(), `${action.key} demoted staff`).toBe(200);
      expect(await stale.text(), `${action.key} demoted staff`).toContain('"code":"forbidden"');

      if (adminOnly(action.route)) {
        const asStaff = await postAction(staff, action);
        expect(await asStaff.text(), `${action.key} staff`).toContain('"code":"forbidden"');
      }
    }
    expect(await auditCount()).toBe(before);
  });

  test("every admin route handler refuses anonymous callers, customers and demoted staff", async () => {
    for (const { method, route } of routeHandlers) {
      const call = (context: APIRequestContext) => context.fetch(route, { method, maxRedirects: 0 });
      expect((await call(anonymous)).status(), `${method} ${route} anonymous`).toBe(401);
      expect((await call(customer)).status(), `${method} ${route} customer`).toBe(403);
      const stale = await call(staleStaff);
      expect(stale.status(), `${method} ${route} demoted staff`).toBe(403);
    }
  });
});
