import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A real HTTP server on a free port whose answers a test scripts per path. Used instead of
// fetch mocks so the client's actual HTTP behaviour (headers, bodies, timeouts, broken
// connections) is what gets tested.

export type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: unknown;
  receivedAt: number; // Date.now() when the request was complete
};

export type Reply =
  | { status?: number; json: unknown }
  | { status?: number; text: string; contentType?: string }
  | { hang: true } // never answer (timeouts)
  | { hangAfterHeaders: true } // send headers, then stall the body
  | { destroy: true }; // drop the connection without an answer

export type ScriptedServer = {
  baseUrl: string;
  requests: RecordedRequest[];
  on: (path: string, reply: Reply | ((request: RecordedRequest) => Reply)) => void;
  close: () => Promise<void>;
};

export async function startScriptedServer(): Promise<ScriptedServer> {
  const routes = new Map<string, Reply | ((request: RecordedRequest) => Reply)>();
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the text
      }
      const request = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body,
        receivedAt: Date.now(),
      };
      requests.push(request);
      const route = routes.get(request.path);
      const reply: Reply =
        typeof route === "function" ? route(request) : (route ?? { status: 404, text: "no route" });
      answer(res, reply);
    });
  });

  function answer(res: ServerResponse, reply: Reply) {
    if ("hang" in reply) {
      open.add(res);
      return;
    }
    if ("hangAfterHeaders" in reply) {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"code":');
      open.add(res);
      return;
    }
    if ("destroy" in reply) {
      res.socket?.destroy();
      return;
    }
    if ("json" in reply) {
      res.writeHead(reply.status ?? 200, { "content-type": "application/json;charset=UTF-8" });
      res.end(JSON.stringify(reply.json));
      return;
    }
    res.writeHead(reply.status ?? 200, { "content-type": reply.contentType ?? "text/html" });
    res.end(reply.text);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    on: (path, reply) => routes.set(path, reply),
    close: async () => {
      for (const res of open) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
