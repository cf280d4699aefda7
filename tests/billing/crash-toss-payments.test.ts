// The crash test (crash.test.ts) against the Toss Payments sandbox: a worker killed anywhere in
// the charge path, restarted, and every period charged exactly once, through Toss Payments'
// client and its lookup by order id.
process.env.BILLING_PROVIDER = "toss_payments";
await import("./crash.test");
export {};
