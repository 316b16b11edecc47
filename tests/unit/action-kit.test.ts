// The action kit (lib/actions/kit.ts) with the real authorization rules (lib/actions/access.ts) and a
// signed-in user of the test's choosing in place of the request's session (lib/auth/guard.ts looks that up).
import { notFound, redirect } from "next/navigation";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { actionKit } from "@/lib/actions/kit";
import { actionAccess, type ActionRole } from "@/lib/actions/access";
import { PASSWORD_CHANGE_REQUIRED_MESSAGE } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import { GENERIC_ERROR_MESSAGE, UserError } from "@/lib/errors";

function user(role: SessionUser["role"], mustChangePassword = false): SessionUser {
  return {
    id: `user-${role.toLowerCase()}`,
    email: `${role.toLowerCase()}@example.com`,
    name: null,
    role,
    mustChangePassword,
    emailVerified: true,
  };
}

/** defineAction for requests signed in as `signedIn` (null: no session). */
const kitFor = (signedIn: SessionUser | null) => actionKit(async (role) => actionAccess(signedIn, role));

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const each of Array.isArray(value) ? value : [value]) data.append(name, each);
  return data;
}

const SIGN_IN = { ok: false, code: "unauthenticated", error: "Please sign in again." };
const FORBIDDEN = { ok: false, code: "forbidden", error: "You don't have permission to do that." };
const CHANGE_PASSWORD = { ok: false, code: "password_change_required", error: PASSWORD_CHANGE_REQUIRED_MESSAGE };
const ALLOWED = { ok: true, data: "ran" };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("roles", () => {
  const callers = {
    guest: null,
    customer: user("CUSTOMER"),
    staff: user("STAFF"),
    "staff with a generated password": user("STAFF", true),
    admin: user("ADMIN"),
    "admin with a generated password": user("ADMIN", true),
  };
  const expected: Record<ActionRole, Record<keyof typeof callers, object>> = {
    public: {
      guest: ALLOWED,
      customer: ALLOWED,
      staff: ALLOWED,
      "staff with a generated password": ALLOWED,
      admin: ALLOWED,
      "admin with a generated password": ALLOWED,
    },
    // Any signed-in account: a seller who must change a generated password does it through this role.
    customer: {
      guest: SIGN_IN,
      customer: ALLOWED,
      staff: ALLOWED,
      "staff with a generated password": ALLOWED,
      admin: ALLOWED,
      "admin with a generated password": ALLOWED,
    },
    staff: {
      guest: SIGN_IN,
      customer: FORBIDDEN,
      staff: ALLOWED,
      "staff with a generated password": CHANGE_PASSWORD,
      admin: ALLOWED,
      "admin with a generated password": CHANGE_PASSWORD,
    },
    admin: {
      guest: SIGN_IN,
      customer: FORBIDDEN,
      staff: FORBIDDEN,
      "staff with a generated password": FORBIDDEN,
      admin: ALLOWED,
      "admin with a generated password": CHANGE_PASSWORD,
    },
  };

  for (const role of Object.keys(expected) as ActionRole[]) {
    for (const [caller, signedIn] of Object.entries(callers) as [keyof typeof callers, SessionUser | null][]) {
      it(`a ${role} action called by ${caller === "admin" ? "an" : "a"} ${caller}`, async () => {
        const handler = vi.fn(async () => "ran");
        const parse = vi.fn((data: FormData) => ({ ok: true as const, data: data.get("x") }));
        const action = kitFor(signedIn)({ role, input: parse, echo: true }, handler);
        const result = await action(null, form({ x: "typed" }));
        expect(result).toEqual(expected[role][caller]);
        // A refused caller gets nothing run, its input not even read, and nothing echoed.
        const allowed = result.ok;
        expect(handler).toHaveBeenCalledTimes(allowed ? 1 : 0);
        expect(parse).toHaveBeenCalledTimes(allowed ? 1 : 0);
      });
    }
  }

  it("hands the handler the signed-in user (none for a public action)", async () => {
    const seen: unknown[] = [];
    const admin = user("ADMIN");
    await kitFor(admin)({ role: "admin" }, async ({ user }) => void seen.push(user))();
    await kitFor(admin)({ role: "public" }, async ({ user }) => void seen.push(user))();
    expect(seen).toEqual([admin, null]);
  });

  it("refuses to define an action with an unknown role", () => {
    expect(() => kitFor(null)({ role: "Admin" as ActionRole }, async () => undefined)).toThrow(
      /Unknown server action role/,
    );
  });
});

describe("input", () => {
  const defineAction = kitFor(user("STAFF"));
  const schema = z.object({
    name: z.string({ error: "Enter a name." }).trim().min(1, "Enter a name."),
    variants: z.array(z.object({ sku: z.string().min(3, "A SKU has at least 3 characters.") })).optional(),
    quantity: z.coerce.number().int("Whole units only."),
  });

  it("parses the form and hands the handler the parsed input", async () => {
    const action = defineAction({ role: "staff", input: schema }, async ({ input }) => input);
    expect(await action(null, form({ name: "  Tee ", quantity: "3" }))).toEqual({
      ok: true,
      data: { name: "Tee", quantity: 3 },
    });
  });

  it("answers a parse failure with each field's first message, keyed by the field's path, and runs nothing", async () => {
    const handler = vi.fn(async () => "ran");
    const strict = defineAction({ role: "staff", input: schema }, handler);
    expect(await strict(null, form({ name: " ", quantity: "1.5" }))).toEqual({
      ok: false,
      code: "invalid_input",
      error: "Enter a name.",
      fieldErrors: { name: "Enter a name.", quantity: "Whole units only." },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("keys nested fields by their path, from a parser of the whole form", async () => {
    const action = defineAction(
      {
        role: "staff",
        input: () => ({ ok: false as const, fieldErrors: { "variants.2.sku": "A SKU has at least 3 characters." } }),
      },
      async () => "ran",
    );
    expect(await action(null, form({}))).toMatchObject({
      ok: false,
      code: "invalid_input",
      error: "A SKU has at least 3 characters.",
      fieldErrors: { "variants.2.sku": "A SKU has at least 3 characters." },
    });
  });

  it("answers a forged call (no FormData, or anything posted instead) with field errors, never a crash", async () => {
    const action = defineAction({ role: "staff", input: schema }, async () => "ran");
    for (const args of [
      [],
      [null],
      ["x", 1],
      [null, "a=1"],
      [null, { name: "Tee", quantity: 1 }],
      [form({ name: "Tee" })],
    ]) {
      const result = await (action as (...args: unknown[]) => ReturnType<typeof action>)(...args);
      expect(result, JSON.stringify(args)).toMatchObject({
        ok: false,
        code: "invalid_input",
        fieldErrors: { name: "Enter a name." },
      });
    }
  });

  it("parses the one argument of an action that is not a form", async () => {
    const action = defineAction(
      { role: "staff", input: z.string().max(5, "Too long."), from: "argument" },
      async ({ input }) => input.toUpperCase(),
    );
    expect(await action("tee")).toEqual({ ok: true, data: "TEE" });
    expect(await action("t-shirts")).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { _: "Too long." },
    });
    expect(await (action as (...args: unknown[]) => ReturnType<typeof action>)({ $: 1 }, 2)).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
  });
});

describe("values echo", () => {
  const defineAction = kitFor(user("STAFF"));
  const refuse = async (): Promise<never> => {
    throw new UserError("taken", "That code is taken.");
  };
  const sent = () => form({ code: "SPRING", password: "hunter22", ship: ["line-1", "line-2"] });

  it("echoes every field the form sent, a repeated one's values joined, on a refusal", async () => {
    const action = defineAction({ role: "staff", input: (data) => ({ ok: true, data }), echo: true }, refuse);
    expect(await action(null, sent())).toEqual({
      ok: false,
      code: "taken",
      error: "That code is taken.",
      values: { code: "SPRING", password: "hunter22", ship: "line-1,line-2" },
    });
  });

  it("echoes only the fields named (blank when not sent), and nothing by default", async () => {
    const named = defineAction(
      { role: "staff", input: (data) => ({ ok: true, data }), echo: ["code", "name"] },
      refuse,
    );
    expect(await named(null, sent())).toMatchObject({ values: { code: "SPRING", name: "" } });
    const silent = defineAction({ role: "staff", input: (data) => ({ ok: true, data }) }, refuse);
    expect(await silent(null, sent())).not.toHaveProperty("values");
  });

  it("echoes the fields with a parse failure too", async () => {
    const action = defineAction(
      { role: "staff", input: z.object({ amount: z.string().regex(/^\d+$/, "Digits only.") }), echo: true },
      async () => "ran",
    );
    expect(await action(null, form({ amount: "12,5" }))).toEqual({
      ok: false,
      code: "invalid_input",
      error: "Digits only.",
      fieldErrors: { amount: "Digits only." },
      values: { amount: "12,5" },
    });
  });

  it("never echoes to a caller who is refused", async () => {
    const action = kitFor(null)({ role: "staff", input: (data) => ({ ok: true, data }), echo: true }, refuse);
    expect(await action(null, sent())).toEqual(SIGN_IN);
  });
});

describe("errors", () => {
  const defineAction = kitFor(user("CUSTOMER"));

  it("shows a UserError's message and code, with its field errors when it has them", async () => {
    const plain = defineAction({ role: "customer" }, async () => {
      throw new UserError("out_of_stock", "Only 2 left.", { available: 2 });
    });
    expect(await plain()).toEqual({ ok: false, code: "out_of_stock", error: "Only 2 left." });

    const onField = defineAction({ role: "customer" }, async () => {
      throw new UserError("wrong_password", "Your current password is not correct.", {
        fieldErrors: { currentPassword: "Your current password is not correct." },
      });
    });
    expect(await onField()).toEqual({
      ok: false,
      code: "wrong_password",
      error: "Your current password is not correct.",
      fieldErrors: { currentPassword: "Your current password is not correct." },
    });
  });

  it("logs anything else and shows only the generic message", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const failure = new Error('relation "Order" does not exist at 10.0.0.3');
    const action = defineAction({ role: "customer" }, async () => {
      throw failure;
    });
    const result = await action();
    expect(result).toEqual({ ok: false, code: "internal", error: GENERIC_ERROR_MESSAGE });
    expect(JSON.stringify(result)).not.toContain("10.0.0.3");
    expect(logged).toHaveBeenCalledWith(expect.any(String), failure);
  });

  it("answers a UserError thrown while parsing (a refusal of the whole form) the same way", async () => {
    const action = defineAction(
      {
        role: "customer",
        input: () => {
          throw new UserError("product_not_found", "This product no longer exists.");
        },
        echo: true,
      },
      async () => "ran",
    );
    expect(await action(null, form({ title: "Tee" }))).toEqual({
      ok: false,
      code: "product_not_found",
      error: "This product no longer exists.",
      values: { title: "Tee" },
    });
  });

  it("lets redirect() and notFound() from a handler through to Next.js", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const redirecting = defineAction({ role: "customer" }, async () => redirect("/checkout/review"));
    await expect(redirecting()).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/checkout\/review/),
    });
    const missing = defineAction({ role: "customer" }, async () => notFound());
    await expect(missing()).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    expect(logged).not.toHaveBeenCalled();
  });

  it("returns the handler's value as the data, undefined for a handler returning nothing", async () => {
    expect(await defineAction({ role: "customer" }, async () => ({ cartId: "c1" }))()).toEqual({
      ok: true,
      data: { cartId: "c1" },
    });
    expect(await defineAction({ role: "customer" }, async () => {})()).toEqual({ ok: true, data: undefined });
  });
});
