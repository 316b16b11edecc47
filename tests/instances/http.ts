// HTTP as a browser does it, without a browser: a cookie jar per visitor, a client address of its own
// (the web servers trust one proxy hop: X-Forwarded-For), server actions posted the way React encodes them
// (part "0" holds the arguments, "$K1" points at the form fields prefixed "_1_"), and the action ids read
// from the build's server-reference manifest.
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

const manifestFile = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");

/** The id of `exportedName` in `file` (e.g. "app/(store)/cart/actions.ts", "addToCartAction"). */
export function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === file && entry.exportedName === exportedName,
  );
  if (!found) throw new Error(`No server action ${exportedName} in ${file} in the build`);
  return found[0];
}

let nextAddress = 1;
/** A client address of its own for each visitor, so per-address limits apply per visitor. */
export function uniqueAddress(): string {
  const n = nextAddress++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export class Visitor {
  readonly cookies = new Map<string, string>();
  constructor(
    public baseURL: string,
    readonly address: string = uniqueAddress(),
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private remember(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair!.indexOf("=");
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(
    target: string,
    init: { method?: string; headers?: Record<string, string>; body?: BodyInit; timeoutMs?: number } = {},
  ): Promise<Answer> {
    const response = await fetch(new URL(target, this.baseURL), {
      method: init.method ?? "GET",
      redirect: "manual",
      headers: {
        // A new connection per request: on a loaded machine a kept-alive socket can be closed by the server
        // (its keep-alive timeout) just as the client reuses it, failing a request the store never saw.
        connection: "close",
        "x-forwarded-for": this.address,
        origin: this.baseURL,
        ...(this.cookies.size > 0 ? { cookie: this.cookieHeader() } : {}),
        ...init.headers,
      },
      body: init.body,
      signal: AbortSignal.timeout(init.timeoutMs ?? 120_000),
    });
    this.remember(response.headers);
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  get(target: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.request(target, { headers });
  }

  /** A server action called from `page` with (previousState, formData), as useActionState does. */
  async action(page: string, id: string, fields: Record<string, string> = {}): Promise<ActionAnswer> {
    // In the order React's encodeReply writes them: the form's fields first, the root part "0" last.
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(`_1_${name}`, value);
    form.set("0", JSON.stringify(["$undefined", "$K1"]));
    const answer = await this.request(page, {
      method: "POST",
      headers: { "next-action": id, accept: "text/x-component" },
      body: form,
    });
    return readActionAnswer(answer);
  }

  /** Signs in through next-auth's credentials endpoint; returns the error code when refused. */
  async signIn(email: string, password: string): Promise<{ ok: boolean; error: string | null }> {
    const csrf = JSON.parse((await this.get("/api/auth/csrf")).text) as { csrfToken: string };
    const answer = await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, json: "true" }).toString(),
    });
    const location = answer.headers.get("location") ?? (JSON.parse(answer.text || "{}") as { url?: string }).url ?? "";
    const error = new URL(location || "/", this.baseURL).searchParams.get("error");
    return { ok: !error && [...this.cookies.keys()].some((name) => name.includes("session-token")), error };
  }
}

export interface ActionAnswer {
  status: number;
  /** Where the action redirected to, if it did. */
  redirect: string | null;
  /** The ActionResult it returned, if it returned one. */
  result: { ok: boolean; error?: string; code?: string; data?: unknown } | null;
  text: string;
}

function readActionAnswer(answer: Answer): ActionAnswer {
  const redirectHeader = answer.headers.get("x-action-redirect");
  const redirect = redirectHeader ? redirectHeader.split(";")[0]! : answer.headers.get("location");
  let result: ActionAnswer["result"] = null;
  // The RSC payload: one row per line, "<id>:<json>"; the action's return value is the row holding "ok".
  for (const line of answer.text.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith("{") || !json.includes('"ok":')) continue;
    try {
      const parsed = JSON.parse(json) as Record<string, unknown>;
      if (typeof parsed.ok === "boolean") result = parsed as ActionAnswer["result"];
    } catch {
      // not this row
    }
  }
  return { status: answer.status, redirect, result, text: answer.text };
}

/**
 * How a plain GET ended: answered (complete says whether the whole body arrived) or failed before any
 * answer; then `reusedSocket` says whether it was sent on a kept-alive connection an earlier request had
 * used (node's `request.reusedSocket`), which a server may close idle just as the request goes out.
 */
export type PlainAnswer =
  | { answered: true; status: number; body: string; complete: boolean }
  | { answered: false; error: string; reusedSocket: boolean };

/**
 * A GET over node:http on `agent` (a keep-alive pool), or on a connection of its own closed after it. Unlike
 * fetch, which takes a body that ends with the connection as whole when the answer said Connection: close,
 * node:http says whether the body's framing (length or chunks) completed.
 */
export function plainGet(
  url: string,
  headers: Record<string, string>,
  agent: http.Agent | false,
  timeoutMs = 120_000,
): Promise<PlainAnswer> {
  return new Promise((resolve) => {
    const request = http.get(url, { headers, agent, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", () => {}); // "aborted": `complete` says so
      response.on("close", () =>
        resolve({
          answered: true,
          status: response.statusCode!,
          body: Buffer.concat(chunks).toString(),
          complete: response.complete,
        }),
      );
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ answered: false, error: error.code ?? error.message, reusedSocket: request.reusedSocket }),
    );
  });
}
