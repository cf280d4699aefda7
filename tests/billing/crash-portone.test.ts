// The crash test (crash.test.ts) against the PortOne sandbox: a worker killed anywhere in the
// charge path, restarted, and every period charged exactly once, through the official PortOne
// server SDK and its lookup by paymentId (our order id).
process.env.BILLING_PROVIDER = "portone";
await import("./crash.test");
export {};
