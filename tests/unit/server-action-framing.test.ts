// The web server's check of server action bodies (lib/http/server-action-framing.ts): whatever React's own
// encoder sends must pass (the bodies here are made by the React client Next ships), and bodies React's
// decoder would fail on must be refused with a 4xx instead of reaching Next (which answers those with 500).
import { createRequire } from "node:module";
import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import {
  actionBodyRefusal,
  actionIdRefusal,
  isCacheFunctionId,
  originRefusal,
  serverActionKind,
  type ServerActionKind,
} from "@/lib/http/server-action-framing";

const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.node") as {
  encodeReply: (value: unknown[]) => Promise<string | FormData>;
};

const ACTION = { "next-action": "60f7dbf73a70fa83fc7509ed80a6187adc2acc1e34" };

/** A request body and its headers as the browser would send them. */
async function encoded(body: string | FormData): Promise<{ headers: IncomingHttpHeaders; bytes: Buffer }> {
  const request = new Request("http://localhost/", { method: "POST", body });
  const contentType = typeof body === "string" ? "text/plain;charset=UTF-8" : request.headers.get("content-type")!;
  return { headers: { ...ACTION, "content-type": contentType }, bytes: Buffer.from(await request.arrayBuffer()) };
}

async function refusalOf(body: string | FormData, kind: ServerActionKind = "fetch", headers: IncomingHttpHeaders = {}) {
  const request = await encoded(body);
  return actionBodyRefusal(kind, { ...request.headers, ...headers }, request.bytes);
}

function multipart(parts: Record<string, string>, boundary = "fuzz"): { headers: IncomingHttpHeaders; bytes: Buffer } {
  const text =
    Object.entries(parts)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") + `--${boundary}--\r\n`;
  return {
    headers: { ...ACTION, "content-type": `multipart/form-data; boundary=${boundary}` },
    bytes: Buffer.from(text),
  };
}

describe("bodies React's encoder makes pass", () => {
  const form = new FormData();
  form.append("email", "shopper@example.com");
  form.append("quantity", "2");
  form.append("file", new Blob(["bytes"]), "a.txt");
  const cases: [string, () => unknown[]][] = [
    ["no arguments", () => []],
    ["plain JSON values", () => [null, "text", 1, true, { a: [1, 2] }]],
    ["a useActionState call: previous state and the form", () => [undefined, form]],
    ["a string starting with $", () => ["$not-a-reference"]],
    [
      "every special value",
      () => [
        new Map([["a", 1]]),
        new Set([1]),
        10n,
        new Date(0),
        -0,
        Infinity,
        NaN,
        new Uint8Array([1, 2]),
        Promise.resolve({ nested: [1, 2n] }),
        new Blob(["blob"]),
      ],
    ],
  ];
  for (const [name, args] of cases) {
    it(name, async () => {
      expect(await refusalOf(await encodeReply(args()))).toBeUndefined();
    });
  }
});

describe("bodies React's decoder would fail on are refused with 400", () => {
  it("text that is not JSON, or JSON that is not the list of arguments", async () => {
    for (const body of ["", "garbage{", '["unterminated', "5", '"text"', '{"a":1}', "null"]) {
      expect(await refusalOf(body)).toMatchObject({ status: 400 });
    }
  });

  it("references to parts the request does not contain", async () => {
    for (const body of [
      '["$Q2"]',
      '["$@1"]',
      '["$1"]',
      '["$h3"]',
      '["$B1"]',
      '["$o1"]',
      '["$zz"]',
      '[{"a":["$W9"]}]',
    ]) {
      expect(await refusalOf(body)).toMatchObject({ status: 400 });
    }
  });

  it("a BigInt that is not a number", async () => {
    expect(await refusalOf('["$nabc"]')).toMatchObject({ status: 400 });
    expect(await refusalOf(`["$n${"9".repeat(301)}"]`)).toMatchObject({ status: 400 });
  });

  it("multipart bodies that are truncated, unframed, missing their arguments or pointing nowhere", async () => {
    const valid = multipart({ "0": '["$undefined","$K1"]', _1_email: "a@b.c" });
    const truncated = valid.bytes.subarray(0, valid.bytes.length - 20);
    expect(await actionBodyRefusal("fetch", valid.headers, valid.bytes)).toBeUndefined();
    expect(await actionBodyRefusal("fetch", valid.headers, truncated)).toMatchObject({ status: 400 });
    expect(
      await actionBodyRefusal("fetch", { ...ACTION, "content-type": "multipart/form-data" }, valid.bytes),
    ).toMatchObject({ status: 400 });
    expect(
      await actionBodyRefusal(
        "fetch",
        { ...ACTION, "content-type": "multipart/form-data; boundary=other" },
        valid.bytes,
      ),
    ).toMatchObject({ status: 400 });
    const noArguments = multipart({ _1_email: "a@b.c" });
    expect(await actionBodyRefusal("fetch", noArguments.headers, noArguments.bytes)).toMatchObject({ status: 400 });
    const dangling = multipart({ "0": '["$Q1","$@2"]', "1": "[]" });
    expect(await actionBodyRefusal("fetch", dangling.headers, dangling.bytes)).toMatchObject({ status: 400 });
    const notJson = multipart({ "0": '["$Q1"]', "1": "[[" });
    expect(await actionBodyRefusal("fetch", notJson.headers, notJson.bytes)).toMatchObject({ status: 400 });
  });

  it("form posts (no JavaScript): unreadable bodies and broken bound-argument references", async () => {
    const form = multipart({ $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"60ab","bound":"$@1"}', email: "a" });
    expect(await actionBodyRefusal("form", form.headers, form.bytes)).toMatchObject({ status: 400 });
    const bound = multipart({
      $ACTION_REF_1: "",
      "$ACTION_1:0": '{"id":"60ab","bound":"$@1"}',
      "$ACTION_1:1": '["$undefined"]',
    });
    expect(await actionBodyRefusal("form", bound.headers, bound.bytes)).toBeUndefined();
    const garbled = multipart({ $ACTION_REF_1: "", "$ACTION_1:0": "{not json" });
    expect(await actionBodyRefusal("form", garbled.headers, garbled.bytes)).toMatchObject({ status: 400 });
    const unframed = Buffer.from("--x\r\nContent-Disp");
    expect(
      await actionBodyRefusal("form", { "content-type": "multipart/form-data; boundary=x" }, unframed),
    ).toMatchObject({ status: 400 });
    // A form that names no action is the page's business, not an action.
    const plain = multipart({ search: "tee" });
    expect(await actionBodyRefusal("form", plain.headers, plain.bytes)).toBeUndefined();
  });
});

describe("'use cache' functions", () => {
  // Ids as Next builds them: the high bit of the first byte marks a 'use cache' function.
  const cacheFunction = "c008aa0d720ab6157c36a349b693a8dedab8569a18";
  const action = "60f7dbf73a70fa83fc7509ed80a6187adc2acc1e34";

  it("are told from server actions by their id", () => {
    expect(isCacheFunctionId(cacheFunction)).toBe(true);
    expect(isCacheFunctionId("800a5f64766059b4867944dece78f4cd6ffd37a5fb")).toBe(true);
    expect(isCacheFunctionId(action)).toBe(false);
    expect(isCacheFunctionId("007b68d38b60cd5371d83de87b938386a26983df15")).toBe(false);
    expect(isCacheFunctionId("c0")).toBe(false);
  });

  it("cannot be called from a request, by header or by a form field (404, as an unknown action)", async () => {
    expect(actionIdRefusal({ "next-action": cacheFunction })).toMatchObject({ status: 404 });
    expect(actionIdRefusal({ "next-action": action })).toBeUndefined();
    const byId = multipart({ [`$ACTION_ID_${cacheFunction}`]: "", email: "a" });
    expect(await actionBodyRefusal("form", byId.headers, byId.bytes)).toMatchObject({ status: 404 });
    const byRef = multipart({ $ACTION_REF_1: "", "$ACTION_1:0": `{"id":"${cacheFunction}","bound":null}` });
    expect(await actionBodyRefusal("form", byRef.headers, byRef.bytes)).toMatchObject({ status: 404 });
    const allowed = multipart({ [`$ACTION_ID_${action}`]: "", email: "a" });
    expect(await actionBodyRefusal("form", allowed.headers, allowed.bytes)).toBeUndefined();
  });
});

describe("a urlencoded body with a Next-Action header", () => {
  it("is not an action (404), as Next says too, without Next rendering its not-found page", async () => {
    const headers = { ...ACTION, "content-type": "application/x-www-form-urlencoded" };
    expect(await actionBodyRefusal("fetch", headers, Buffer.from("a=1"))).toMatchObject({ status: 404 });
    // Without the header it is a plain form post, the page's business.
    expect(
      await actionBodyRefusal("form", { "content-type": "application/x-www-form-urlencoded" }, Buffer.from("a=1")),
    ).toBeUndefined();
  });
});

describe("which requests are server actions", () => {
  it("follows Next's rule, leaving route handlers under /api/ alone", () => {
    expect(serverActionKind("POST", "/cart", ACTION)).toBe("fetch");
    expect(serverActionKind("POST", "/api/search", ACTION)).toBe("fetch");
    expect(serverActionKind("GET", "/cart", ACTION)).toBeNull();
    expect(serverActionKind("POST", "/cart", { "content-type": "multipart/form-data; boundary=x" })).toBe("form");
    expect(serverActionKind("POST", "/cart", { "content-type": "application/x-www-form-urlencoded" })).toBe("form");
    expect(serverActionKind("POST", "/cart", { "content-type": "application/json" })).toBeNull();
    expect(
      serverActionKind("POST", "/api/admin/products/import", { "content-type": "multipart/form-data; boundary=x" }),
    ).toBeNull();
  });
});

describe("origin", () => {
  it("passes the same site or no Origin, refuses another site (403) and an Origin that is not a URL (400)", () => {
    expect(originRefusal({ host: "shop.test" })).toBeUndefined();
    expect(originRefusal({ host: "shop.test", origin: "https://shop.test" })).toBeUndefined();
    expect(
      originRefusal({ host: "internal:3000", "x-forwarded-host": "shop.test", origin: "https://shop.test" }),
    ).toBeUndefined();
    expect(originRefusal({ host: "shop.test", origin: "https://evil.test" })).toMatchObject({ status: 403 });
    expect(originRefusal({ host: "shop.test", origin: "null" })).toMatchObject({ status: 403 });
    expect(originRefusal({ host: "shop.test", origin: "::garbage" })).toMatchObject({ status: 400 });
  });
});
