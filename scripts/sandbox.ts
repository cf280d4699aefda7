// npm run sandbox [-- --provider toss-pay|toss-payments|portone --port 4010 --host 127.0.0.1
//                    --callback-origin http://localhost:3000]
//                  (portone also: --store-id --api-secret --channel-key --webhook-secret)
// A provider sandbox as a process of its own, at the root of its origin (so `{base}` is
// http://127.0.0.1:4010, mirroring https://pay.toss.im or https://api.tosspayments.com). Used
// by benchmarks and crash tests; point the app at it with TOSS_PAY_BASE_URL,
// TOSS_PAYMENTS_BASE_URL or PORTONE_BASE_URL=http://127.0.0.1:4010. Default provider: toss-pay.
// PortOne needs a store: the four --store-id/--api-secret/--channel-key/--webhook-secret flags
// (the app's PORTONE_* values) provision it; without them the public sandbox store the app uses
// when PORTONE_* are unset (lib/payments/portone/config.ts PORTONE_SANDBOX_STORE) is provisioned
// and printed, so PORTONE_BASE_URL=http://127.0.0.1:4010 alone points the app at it.
//
// It binds 127.0.0.1 unless told otherwise. The developer tools ({base}/_sandbox: every billing
// key in full, fault switches) answer only clients on this machine whatever --host says
// (node-server.ts loopbackOnlyTools): this process has no sign-in to ask for, and a token
// would end up in shell histories and benchmark logs, so the tools simply never leave loopback.
//
// Database: DATABASE_URL if set (migrated on start), else an embedded PostgreSQL under
// $LOCAL_DATA_DIR/sandbox (default .data/sandbox): a directory of its own, so it can run next to
// `npm run dev`, whose PostgreSQL owns .data/postgres.
//
// Callbacks go only to the origins named with --callback-origin (repeatable), by default the
// local app at http://localhost:3000: the sandbox POSTs from this machine, so it must not be
// usable to reach anything else on it (lib/sandbox/shared/callback-origins.ts).
import path from "node:path";
import { parseArgs } from "node:util";
import { migrateDatabase } from "@/lib/db/migrate";
import type { StoreConfig } from "@/lib/sandbox/portone/stores";
import { parseCallbackOrigin } from "@/lib/sandbox/shared/callback-origins";
import { startSandboxServer } from "@/lib/sandbox/toss-pay/node-server";
import { startTossPaymentsSandboxServer } from "@/lib/sandbox/toss-payments/node-server";
import { startLocalDatabase } from "./support/local-database";

const DEFAULT_PORT = 4010;
const DEFAULT_CALLBACK_ORIGIN = "http://localhost:3000";

const isLoopbackHost = (host: string) => ["127.0.0.1", "localhost", "::1"].includes(host);

async function main() {
  const { values } = parseArgs({
    options: {
      provider: { type: "string", default: "toss-pay" },
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      "callback-origin": { type: "string", multiple: true, default: [DEFAULT_CALLBACK_ORIGIN] },
      "store-id": { type: "string" },
      "api-secret": { type: "string" },
      "channel-key": { type: "string" },
      "webhook-secret": { type: "string" },
    },
  });
  const callbackOrigins = values["callback-origin"].map((origin) => {
    try {
      return parseCallbackOrigin(origin);
    } catch (error) {
      throw new Error(
        `--callback-origin: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
  const providers = ["toss-pay", "toss-payments", "portone"] as const;
  const provider = providers.find((p) => p === values.provider);
  if (!provider) {
    throw new Error(`--provider: toss-pay, toss-payments or portone, not ${values.provider}`);
  }
  const storeFlags = [
    values["store-id"],
    values["api-secret"],
    values["channel-key"],
    values["webhook-secret"],
  ];
  const givenStoreFlags = storeFlags.filter((v) => v !== undefined).length;
  if (givenStoreFlags !== 0 && (givenStoreFlags !== 4 || provider !== "portone")) {
    throw new Error(
      "--store-id, --api-secret, --channel-key and --webhook-secret go together, with --provider portone",
    );
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: not a port: ${values.port}`);

  let stopDatabase = async () => {};
  if (process.env.DATABASE_URL) {
    await migrateDatabase(process.env.DATABASE_URL);
  } else {
    const dataRoot = path.join(path.resolve(process.env.LOCAL_DATA_DIR ?? ".data"), "sandbox");
    const local = await startLocalDatabase({ dataRoot, databaseName: "sandbox", quiet: true });
    process.env.DATABASE_URL = local.databaseUrl;
    stopDatabase = local.stop;
  }
  // A benchmark drives 16+ concurrent charges; give the pool room unless told otherwise.
  process.env.DATABASE_POOL_MAX ??= "20";

  // Imported after DATABASE_URL is settled: lib/env.ts reads the environment once.
  const { closeDb, db } = await import("@/lib/db/client");
  const { startPortOneSandboxServer } = await import("@/lib/sandbox/portone/node-server");
  const { provisionPortOneStore } = await import("@/lib/sandbox/portone/stores");
  const { PORTONE_SANDBOX_STORE } = await import("@/lib/payments/portone/config");
  const start = {
    "toss-pay": startSandboxServer,
    "toss-payments": startTossPaymentsSandboxServer,
    portone: startPortOneSandboxServer,
  }[provider];
  let store: StoreConfig | undefined;
  if (provider === "portone") {
    const [storeId, apiSecret, channelKey, webhookSecret] = storeFlags;
    store =
      storeId && apiSecret && channelKey && webhookSecret
        ? { storeId, apiSecret, channelKey, webhookSecret }
        : { ...PORTONE_SANDBOX_STORE };
    await provisionPortOneStore(db(), store);
  }
  const server = await start({ db: db(), port, host: values.host, callbackOrigins });
  console.log(
    [
      "",
      ...(provider === "portone" && store
        ? [
            `  포트원 샌드박스: ${server.url}`,
            `  API:       ${server.url}/billing-keys/… , /payments/…  (SDK ${server.url}/browser-sdk.js)`,
            `  상점:      PORTONE_STORE_ID=${store.storeId}`,
            `             PORTONE_API_SECRET=${store.apiSecret}`,
            `             PORTONE_CHANNEL_KEY=${store.channelKey}`,
            `             PORTONE_WEBHOOK_SECRET=${store.webhookSecret}`,
          ]
        : provider === "toss-payments"
          ? [
              `  토스페이먼츠 샌드박스: ${server.url}`,
              `  API:       ${server.url}/v1/billing/… , /v1/payments/…  (SDK ${server.url}/v2/standard)`,
            ]
          : [
              `  토스페이 샌드박스: ${server.url}`,
              `  API:       POST ${server.url}/api/v1/billing-key (…/status, /remove, /bill), /api/v2/refunds, /api/v2/status`,
            ]),
      `  개발 도구: ${server.url}/_sandbox  (원장 /_sandbox/ledger, 설정 /_sandbox/settings)`,
      `  콜백 허용: ${callbackOrigins.join(", ")}  (--callback-origin 으로 바꿔요)`,
      ...(isLoopbackHost(values.host)
        ? []
        : [`  (개발 도구는 --host와 상관없이 이 컴퓨터에서 127.0.0.1로 접속할 때만 열려요.)`]),
      "",
    ].join("\n"),
  );

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await closeDb();
    await stopDatabase();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
