// Authorization of the whole admin surface, enumerated from the code rather than listed by hand, so a new
// admin page, server action or route handler cannot be forgotten:
// - pages: every app/admin/**/page.tsx,
// - server actions: every export of a "use server" file under app/admin, matched against the production
//   build's server-reference manifest (which gives each action's id),
// - route handlers: every method exported by app/api/admin/**/route.ts,
// and the role each one requires is read from its own declaration: a page's guard call
// (requireAdminPage("ADMIN") or another requireAdmin…Page guard of lib/auth/guard.ts), an action's role in
// the action kit (`defineAction({ role: "staff" | "admin", ... }, handler)`, lib/actions/define-action.ts),
// a handler's authorizeAdminRequest("ADMIN") (no argument means STAFF). A page, action or handler without
// its guard fails the enumeration test, and so does an admin action declaring any other role, or none.
//
// Each is called as an anonymous visitor, as a customer, and as a "stale staff" session: a token issued to
// a staff member who has since been made a customer. The proxy turns the first two away early; the third
// passes the proxy (its token still says STAFF) and so proves the server-side check of each page, action
// and handler itself. Then the other side: a staff member and an administrator are let through everything
// their role allows (pages render, actions and handlers answer past their guard), and staff are refused
// what only administrators may do. Nothing is written by any of these calls.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { query } from "./support/db";
import { createUser, signInRequest, uniqueClientIp } from "./support/auth";

const ROOT = process.cwd();
const PROBE_ID = "authz-probe";
const FORBIDDEN_PAGE = "You don’t have access to this page";

type Role = "STAFF" | "ADMIN";

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** "app/admin/orders/[id]/page.tsx" -> "/admin/orders/<id>" (route groups dropped, `id` for each [param]). */
function routeOf(file: string, id: (parent: string) => string = () => PROBE_ID): string {
  const segments = path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment && !/^\(.*\)$/.test(segment));
  return `/${segments.map((segment, index) => (/^\[.*\]$/.test(segment) ? id(segments[index - 1] ?? "") : segment)).join("/")}`;
}

/** The minimum role of a call to one of `guards` in `source` ("no call" when there is none). */
function guardRole(source: string, guards: string | readonly string[]): Role | "no call" {
  const names = typeof guards === "string" ? [guards] : guards;
  const call = new RegExp(`\\b(?:${names.join("|")})\\(\\s*(?:"(STAFF|ADMIN)")?`).exec(source);
  if (!call) return "no call";
  return (call[1] as Role | undefined) ?? "STAFF";
}

/** The page guards of lib/auth/guard.ts: every exported requireAdmin…Page (the role is their argument). */
const PAGE_GUARDS = [
  ...readFileSync(path.join(ROOT, "lib", "auth", "guard.ts"), "utf8").matchAll(
    /^export\s+async\s+function\s+(requireAdmin\w*Page)\b/gm,
  ),
].map((match) => match[1]!);

/** The exported functions of a module (with `consts`, `export const x =` too: server actions are built
 *  by the action kit) with their source text (up to the next top-level export). */
function exportedFunctions(source: string, { consts = false } = {}): { name: string; body: string }[] {
  const declaration = consts
    ? /^export\s+(?:(?:async\s+)?function|const)\s+(\w+)/gm
    : /^export\s+(?:async\s+)?function\s+(\w+)/gm;
  const starts = [...source.matchAll(declaration)];
  return starts.map((match, index) => ({
    name: match[1]!,
    body: source.slice(match.index, starts[index + 1]?.index ?? source.length),
  }));
}

/** `text` with what is nested in brackets, parentheses or braces left out (the top level of an object). */
function topLevel(text: string): string {
  let depth = 0;
  let kept = "";
  for (const char of text) {
    if ("([{".includes(char)) depth++;
    if (depth === 0) kept += char;
    if (")]}".includes(char)) depth--;
  }
  return kept;
}

/**
 * The role an action declares to the kit: `role` of the options object of its `defineAction({ ... }, …)`
 * call, written as a literal. "no role" for anything else (no kit call, options in a variable, a role
 * that is not one of the admin's), so such an action fails the enumeration test.
 */
function declaredRole(body: string): Role | "no role" {
  const call = /\bdefineAction\(\s*\{/.exec(body);
  if (!call) return "no role";
  const open = call.index + call[0].length - 1;
  let depth = 0;
  let close = open;
  for (; close < body.length; close++) {
    if (body[close] === "{") depth++;
    if (body[close] === "}" && --depth === 0) break;
  }
  const role = /(?:^|,)\s*role\s*:\s*["'](\w+)["']/.exec(topLevel(body.slice(open + 1, close)))?.[1];
  return role === "admin" ? "ADMIN" : role === "staff" ? "STAFF" : "no role";
}

const pages = walk(path.join(ROOT, "app", "admin"))
  .filter((file) => /\/page\.tsx?$/.test(file))
  .map((file) => ({ file, route: routeOf(file), role: guardRole(readFileSync(file, "utf8"), PAGE_GUARDS) }))
  .sort((a, b) => a.route.localeCompare(b.route));

const HTTP_METHOD = /^(GET|POST|PUT|PATCH|DELETE)$/;
const routeHandlers = walk(path.join(ROOT, "app", "api", "admin"))
  .filter((file) => /\/route\.ts$/.test(file))
  .flatMap((file) => {
    const source = readFileSync(file, "utf8");
    const functions = exportedFunctions(source)
      .filter(({ name }) => HTTP_METHOD.test(name))
      .map(({ name, body }) => ({ method: name, role: guardRole(body, "authorizeAdminRequest") }));
    // Handlers exported another way (`export const GET = ...`, `export { handler as GET }`): the file's guard.
    const others = [
      ...[...source.matchAll(/export\s+const\s+(\w+)/g)].map((match) => match[1]!),
      ...[...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((match) =>
        match[1]!.split(",").map((part) =>
          part
            .trim()
            .split(/\s+as\s+/)
            .pop()!,
        ),
      ),
    ]
      .filter((name) => HTTP_METHOD.test(name))
      .map((method) => ({ method, role: guardRole(source, "authorizeAdminRequest") }));
    return [...functions, ...others].map((handler) => ({ ...handler, file, route: routeOf(file) }));
  });

/** Exported server actions in the sources: "file#name" with the role it declares. */
const sourceActions = new Map<string, Role | "no role">(
  walk(path.join(ROOT, "app", "admin"))
    .filter((file) => /\.tsx?$/.test(file))
    .flatMap((file) => {
      const source = readFileSync(file, "utf8");
      if (!/^\s*["']use server["']/.test(source)) return [];
      const relative = path.relative(ROOT, file);
      return exportedFunctions(source, { consts: true }).map(({ name, body }): [string, Role | "no role"] => [
        `${relative}#${name}`,
        declaredRole(body),
      ]);
    }),
);

interface ActionEntry {
  key: string;
  id: string;
  /** A page that includes the action: it is posted there, like the browser does. */
  route: string;
  /** That page's file, for its route with real ids. */
  pageFile: string;
  role: Role;
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
      const pageFile = path.join(ROOT, worker.replace(/\/page$/, "/page.tsx"));
      const key = `${entry.filename}#${entry.exportedName}`;
      const role = sourceActions.get(key);
      return {
        key,
        id,
        route: routeOf(pageFile),
        pageFile,
        role: role === "ADMIN" ? "ADMIN" : "STAFF",
      } satisfies ActionEntry;
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

const allows = (user: Role, required: Role) => user === "ADMIN" || required === "STAFF";

async function auditCount(): Promise<number> {
  const [row] = await query<{ count: string }>(`SELECT count(*) FROM "AuditLog"`);
  return Number(row!.count);
}

/** What a forged call looks like: the action id and no (or junk) arguments. */
async function postAction(context: APIRequestContext, action: ActionEntry) {
  return context.post(action.route, {
    headers: { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: "[]",
    maxRedirects: 0,
  });
}

/**
 * A call shaped like the browser's (React's encodeReply of `(previousState, formData)`: part "0" holds the
 * arguments, "$K1" points at the form fields prefixed "1_"), with an empty form: an authorized caller gets
 * the action's own validation answer, and nothing is written.
 */
async function postEmptyForm(context: APIRequestContext, action: ActionEntry, route: string) {
  return context.post(route, {
    headers: { "Next-Action": action.id, Accept: "text/x-component" },
    multipart: { "0": JSON.stringify([null, "$K1"]) },
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
  let admin: APIRequestContext;
  /** A real row for each dynamic admin page, by the segment before its [param]. */
  const sampleIds = new Map<string, string>();

  test.beforeAll(async ({ baseURL }) => {
    anonymous = await newContext(baseURL!);
    customer = await newContext(baseURL!);
    staleStaff = await newContext(baseURL!);
    staff = await newContext(baseURL!);
    admin = await newContext(baseURL!);
    const customerUser = await createUser("CUSTOMER");
    await signInRequest(customer, customerUser.email, customerUser.password);
    const demoted = await createUser("STAFF");
    await signInRequest(staleStaff, demoted.email, demoted.password);
    // Demoted behind the session's back (its token still says STAFF, its version still matches).
    await query(`UPDATE "User" SET role = 'CUSTOMER' WHERE id = $1`, [demoted.id]);
    const staffUser = await createUser("STAFF");
    await signInRequest(staff, staffUser.email, staffUser.password);
    const adminUser = await createUser("ADMIN");
    await signInRequest(admin, adminUser.email, adminUser.password);

    // The fresh store has no order yet: one minimal unpaid order to open.
    const orderId = `authz${randomUUID().replace(/-/g, "").slice(0, 20)}`;
    await query(
      `INSERT INTO "Order" (id, "checkoutToken", email, currency, "subtotalCents", "totalCents", "shippingMethod", "shippingMethodName", "shippingAddress", "updatedAt")
       VALUES ($1, $1, 'authz@e2e.test', 'USD', 1000, 1000, 'STANDARD', 'Standard', '{}', timezone('UTC', now()))`,
      [orderId],
    );
    sampleIds.set("orders", orderId);
    // A return of it (no lines: the page only has to render), deleted with the order.
    const returnId = `authzret${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    await query(
      `INSERT INTO "ReturnRequest" (id, "orderId", reason, "requestKey", "updatedAt")
       VALUES ($1, $2, 'other', $1, timezone('UTC', now()))`,
      [returnId, orderId],
    );
    sampleIds.set("returns", returnId);
    for (const [segment, table] of [
      ["products", "Product"],
      ["coupons", "Coupon"],
      ["inventory", "Variant"],
    ] as const) {
      const [row] = await query<{ id: string }>(`SELECT id FROM "${table}" ORDER BY id LIMIT 1`);
      sampleIds.set(segment, row!.id);
    }
  });

  test.afterAll(async () => {
    await Promise.all([anonymous, customer, staleStaff, staff, admin].map((context) => context?.dispose()));
    await query(`DELETE FROM "Order" WHERE id = $1`, [sampleIds.get("orders") ?? ""]);
  });

  /** The route of a page with real ids, for callers that are let in. */
  const realRoute = (file: string) =>
    routeOf(file, (parent) => {
      const id = sampleIds.get(parent);
      if (!id) throw new Error(`No sample row for the dynamic admin page under /${parent}: add one in beforeAll`);
      return id;
    });

  test("the enumeration finds the admin surface, each part with its guard", () => {
    expect(pages.map((page) => page.route)).toContain("/admin");
    expect(pages.map((page) => page.route)).toContain("/admin/users");
    expect(PAGE_GUARDS).toContain("requireAdminPage");
    expect(sourceActions.size).toBeGreaterThan(0);
    expect(routeHandlers.length).toBeGreaterThan(0);
    // Every page, action and handler calls its guard.
    expect(pages.filter((page) => page.role === "no call").map((page) => page.file)).toEqual([]);
    expect([...sourceActions].filter(([, role]) => role === "no role").map(([key]) => key)).toEqual([]);
    expect(routeHandlers.filter((handler) => handler.role === "no call").map((h) => `${h.method} ${h.route}`)).toEqual(
      [],
    );
    // Both roles occur, so both sides of the ADMIN-only checks below are exercised.
    expect(pages.filter((page) => page.role === "ADMIN").map((page) => page.route)).toContain("/admin/users");
    expect([...sourceActions.values()]).toContain("ADMIN");
    // Every exported action in the sources is in the build (and so is tested below), and vice versa.
    expect(buildActions().map((action) => action.key)).toEqual([...sourceActions.keys()].sort());
  });

  test("every admin page refuses anonymous visitors, customers and demoted staff", async ({ page, baseURL }) => {
    test.setTimeout(180_000);
    for (const { route } of pages) {
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
    for (const { route } of pages) {
      await page.goto(`${baseURL}${route}`);
      await expect(page.getByRole("heading", { name: FORBIDDEN_PAGE }), route).toBeVisible();
    }
  });

  test("staff and administrators open every page their role allows; staff are refused admin-only pages", async ({
    page,
  }) => {
    test.setTimeout(240_000); // every admin page, twice, rendered in full on a shared 2-core machine
    // In a browser: admin pages stream behind loading.tsx, so a refusal from the page's own guard arrives
    // after the status line; what the person sees is the page's own heading or the refusal.
    await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueClientIp() });
    for (const [name, context, role] of [
      ["staff", () => staff, "STAFF"],
      ["admin", () => admin, "ADMIN"],
    ] as const) {
      await page.context().clearCookies();
      await page.context().addCookies((await context().storageState()).cookies);
      for (const adminPage of pages) {
        const route = realRoute(adminPage.file);
        const response = await page.goto(route);
        const heading = page.locator("main h1").first();
        await expect(heading, `${route} ${name}`).toBeVisible();
        if (allows(role, adminPage.role as Role)) {
          expect(response?.status(), `${route} ${name}`).toBe(200);
          await expect(heading, `${route} ${name}`).not.toHaveText(FORBIDDEN_PAGE);
          await expect(page.getByRole("heading", { name: FORBIDDEN_PAGE }), `${route} ${name}`).toHaveCount(0);
        } else {
          await expect(heading, `${route} ${name}`).toHaveText(FORBIDDEN_PAGE);
        }
      }
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
    }
    expect(await auditCount()).toBe(before);
  });

  test("staff and administrators get past every action's guard their role allows; staff are refused admin-only ones", async () => {
    const actions = buildActions();
    const before = await auditCount();
    for (const [name, context, role] of [
      ["staff", () => staff, "STAFF"],
      ["admin", () => admin, "ADMIN"],
    ] as const) {
      for (const action of actions) {
        // Posted where a staff member's browser posts it: the page with a real id (a detail page of an
        // unknown id is a 404 before any action runs).
        const response = await postEmptyForm(context(), action, realRoute(action.pageFile));
        const body = await response.text();
        expect(response.status(), `${action.key} ${name}`).toBe(200);
        if (allows(role, action.role)) {
          // The action ran its own validation: an answer of its own, neither refusal of the guard.
          expect(body, `${action.key} ${name}`).toMatch(/"ok":(true|false)/);
          expect(body, `${action.key} ${name}`).not.toContain('"code":"forbidden"');
          expect(body, `${action.key} ${name}`).not.toContain('"code":"unauthenticated"');
        } else {
          expect(body, `${action.key} ${name}`).toContain('"code":"forbidden"');
        }
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

  test("staff and administrators get past every route handler's guard their role allows", async () => {
    for (const [name, context, role] of [
      ["staff", () => staff, "STAFF"],
      ["admin", () => admin, "ADMIN"],
    ] as const) {
      for (const handler of routeHandlers) {
        const route = realRoute(handler.file);
        // No parameters and no body: the handler answers for itself (a download, or its own 4xx).
        const response = await context().fetch(route, { method: handler.method, maxRedirects: 0 });
        const label = `${handler.method} ${route} ${name}`;
        if (allows(role, handler.role as Role)) {
          expect([401, 403], label).not.toContain(response.status());
          expect(response.status(), label).toBeLessThan(500);
          if (handler.method === "GET" && response.status() === 200) {
            expect(response.headers()["content-type"], label).toContain("text/csv");
          }
        } else {
          expect(response.status(), label).toBe(403);
        }
      }
    }
  });
});
