import { createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

// A minimal SMTP server on 127.0.0.1:<random port> for tests and the e2e server: enough of
// RFC 5321 for nodemailer (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), no TLS, no auth. It keeps
// every accepted message (and hands it to `onMessage`, e.g. the e2e mail log) and can be told to
// refuse the next messages with a given reply.

export type ReceivedMail = {
  from: string;
  to: string[];
  raw: string;
  headers: Record<string, string>;
  subject: string;
  text: string;
};

export type SmtpSink = {
  url: string;
  messages: ReceivedMail[];
  /** Answer the next `count` DATA commands with `reply` (e.g. "451 4.3.0 try later"). */
  refuseNext: (count: number, reply: string) => void;
  close: () => Promise<void>;
};

function decodeWords(value: string): string {
  // RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=); adjacent words join without space.
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_m, _charset: string, enc: string, text: string) =>
        enc.toUpperCase() === "B"
          ? Buffer.from(text, "base64").toString("utf8")
          : decodeQuotedPrintable(text.replaceAll("_", " ")),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const source = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
      bytes.push(parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function parseMessage(raw: string): {
  headers: Record<string, string>;
  subject: string;
  text: string;
} {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body)
        : body;
  return {
    headers,
    subject: decodeWords(headers.subject ?? ""),
    text: text.replace(/\r\n/g, "\n"),
  };
}

export async function startSmtpSink(
  options: { onMessage?: (mail: ReceivedMail) => void } = {},
): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  let refusals: { count: number; reply: string } = { count: 0, reply: "" };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let buffer = "";
    let inData = false;
    let envelope = { from: "", to: [] as string[] };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink.test ESMTP");

    socket.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("latin1");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          const raw = Buffer.from(buffer.slice(0, end), "latin1")
            .toString("utf8")
            .replace(/\r\n\.\./g, "\r\n.");
          buffer = buffer.slice(end + 5);
          inData = false;
          if (refusals.count > 0) {
            refusals.count -= 1;
            reply(refusals.reply);
          } else {
            const mail = { ...envelope, raw, ...parseMessage(raw) };
            messages.push(mail);
            options.onMessage?.(mail);
            reply("250 2.0.0 queued");
          }
          envelope = { from: "", to: [] };
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") reply("250 sink.test");
        else if (verb === "MAIL") {
          envelope.from = /<([^>]*)>/.exec(line)?.[1] ?? "";
          reply("250 2.1.0 ok");
        } else if (verb === "RCPT") {
          envelope.to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          reply("250 2.1.5 ok");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 end with <CRLF>.<CRLF>");
        } else if (verb === "RSET") {
          envelope = { from: "", to: [] };
          reply("250 2.0.0 ok");
        } else if (verb === "NOOP") reply("250 2.0.0 ok");
        else if (verb === "QUIT") {
          reply("221 2.0.0 bye");
          socket.end();
          return;
        } else reply("502 5.5.2 not implemented");
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseNext: (count, reply) => {
      refusals = { count, reply };
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
