/**
 * A real SMTP server for end-to-end tests, on loopback, with a small HTTP API so tests can
 * read what the app sent:  GET /messages  ·  DELETE /messages  ·  GET /health
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const SMTP_PORT = Number(process.env.SINK_SMTP_PORT ?? 2526);
const HTTP_PORT = Number(process.env.SINK_HTTP_PORT ?? 2527);

export interface SinkMessage {
  id: number;
  messageId: string | null;
  envelopeTo: string[];
  from: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  attachments: Array<{ filename: string | null; contentType: string; size: number; sha256: string; base64: string }>;
  receivedAt: string;
}

const messages: SinkMessage[] = [];
let nextId = 1;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      simpleParser(Buffer.concat(chunks)).then(
        (parsed) => {
          messages.push({
            id: nextId++,
            messageId: parsed.messageId ?? null,
            envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            from: parsed.from?.text ?? "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            headers: Object.fromEntries(
              [...parsed.headers.entries()].map(([key, value]) => [
                key,
                typeof value === "string" ? value : JSON.stringify(value),
              ]),
            ),
            attachments: parsed.attachments.map((attachment) => ({
              filename: attachment.filename ?? null,
              contentType: attachment.contentType,
              size: attachment.size,
              sha256: createHash("sha256").update(attachment.content).digest("hex"),
              base64: attachment.content.toString("base64"),
            })),
            receivedAt: new Date().toISOString(),
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    });
  },
});

const http = createServer((request, response) => {
  const url = new URL(request.url ?? "/", `http://127.0.0.1:${HTTP_PORT}`);
  if (url.pathname === "/health") return void response.end("ok");
  if (url.pathname === "/messages" && request.method === "DELETE") {
    messages.length = 0;
    return void response.end("[]");
  }
  if (url.pathname === "/messages") {
    const to = url.searchParams.get("to")?.toLowerCase();
    response.setHeader("content-type", "application/json");
    return void response.end(
      JSON.stringify(to ? messages.filter((message) => message.envelopeTo.includes(to)) : messages),
    );
  }
  response.statusCode = 404;
  response.end();
});

smtp.listen(SMTP_PORT, "127.0.0.1", () => {
  http.listen(HTTP_PORT, "127.0.0.1", () =>
    console.log(`[smtp-sink] smtp://127.0.0.1:${SMTP_PORT}  http://127.0.0.1:${HTTP_PORT}`),
  );
});
