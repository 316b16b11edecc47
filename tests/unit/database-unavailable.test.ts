// Which errors mean "the database is out of reach" (pages show a brief-outage state, actions say nothing was
// done) and which are bugs or refusals that keep their own handling. Shapes as Prisma 7 with the pg driver
// adapter throws them (recorded against a closed port and a stopped server).
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, UserError } from "@/lib/errors";

const adapterError = (cause: Record<string, unknown>, code = "P2010") =>
  Object.assign(new Error("Invalid invocation"), {
    code,
    meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
  });

describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "P1001 (cannot reach the server)",
      Object.assign(new Error("Can't reach database server at 127.0.0.1"), { code: "P1001" }),
    ],
    [
      "an adapter error whose kind is DatabaseNotReachable",
      adapterError({ kind: "DatabaseNotReachable", host: "127.0.0.1" }),
    ],
    ["a closed connection", adapterError({ kind: "ConnectionClosed" })],
    ["PostgreSQL shutting down (57P01)", adapterError({ kind: "postgres", originalCode: "57P01" })],
    ["a socket refused", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })],
    ["a pool timeout (P2024)", Object.assign(new Error("Timed out fetching a new connection"), { code: "P2024" })],
    ["a wrapped cause", new Error("render failed", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) })],
  ])("%s is an outage", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", adapterError({ kind: "UniqueConstraintViolation" }, "P2002")],
    ["a user error", new UserError("out_of_stock", "Sold out")],
    ["a plain bug", new TypeError("x is undefined")],
    ["nothing", undefined],
    ["a string", "ECONNREFUSED"],
  ])("%s is not", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
