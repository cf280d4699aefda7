// The chaos test (chaos.test.ts) against the Toss Payments sandbox: the same engine, actions and
// invariants, through Toss Payments' client (issue 10: a provider brings its sandbox, not its own
// billing rules). `npm run test:chaos:toss-payments` runs the long version.
process.env.BILLING_PROVIDER = "toss_payments";
process.env.CHAOS_RUNS ??= "25";
await import("./chaos.test");
export {};
