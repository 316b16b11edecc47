// A minimal SMTP server that accepts every message and keeps it: what the worker's email handlers really
// send, over the real protocol (nodemailer as the client), so tests count deliveries instead of outbox rows.
// Plain SMTP without STARTTLS or AUTH (nodemailer then sends in the clear, as to a local relay).
import net from "node:net";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** Header block and body as sent. */
  data: string;
  messageId: string | null;
  subject: string | null;
}

export interface SmtpSink {
  port: number;
  url: string;
  messages: ReceivedMail[];
  stop(): Promise<void>;
}

function header(data: string, name: string): string | null {
  const head = data.split(/\r?\n\r?\n/, 1)[0] ?? "";
  // Unfold continuation lines, then find the header.
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const match = new RegExp(`^${name}:\\s*(.*)$`, "im").exec(unfolded);
  return match?.[1]?.trim() ?? null;
}

/** On `listenPort` if given, else a free one. */
export async function startSmtpSink(listenPort = 0): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let buffer = "";
    let inData = false;
    let data = "";
    let from = "";
    let to: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink ESMTP ready");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end === -1) return;
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          const body = data.replace(/^\.\./gm, ".");
          messages.push({
            from,
            to,
            data: body,
            messageId: header(body, "Message-ID"),
            subject: header(body, "Subject"),
          });
          data = "";
          from = "";
          to = [];
          reply("250 OK: queued");
          continue;
        }
        const newline = buffer.indexOf("\r\n");
        if (newline === -1) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") {
          socket.write("250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
        } else if (verb === "HELO") reply("250 sink");
        else if (verb === "MAIL") {
          from = line.replace(/^MAIL FROM:\s*/i, "").split(" ")[0] ?? "";
          reply("250 OK");
        } else if (verb === "RCPT") {
          to.push(line.replace(/^RCPT TO:\s*/i, ""));
          reply("250 OK");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 End data with <CR><LF>.<CR><LF>");
        } else if (verb === "RSET") {
          from = "";
          to = [];
          reply("250 OK");
        } else if (verb === "NOOP") reply("250 OK");
        else if (verb === "QUIT") {
          reply("221 Bye");
          socket.end();
          return;
        } else reply("502 Command not implemented");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(listenPort, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
