// GET /api/health: liveness. Answers 200 while the process serves HTTP; reads nothing else (see
// lib/ops/health.ts). Never cached.
import { connection } from "next/server";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET() {
  await connection(); // per request: never prerendered into a static answer
  return Response.json({ status: "ok" }, { headers: NO_STORE });
}
