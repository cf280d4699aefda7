// The chaos test (chaos.test.ts) against the PortOne sandbox (Toss Pay channel): the same
// engine, actions and invariants, through the official PortOne server SDK (issue 11).
// `npm run test:chaos:portone` runs the long version.
process.env.BILLING_PROVIDER = "portone";
process.env.CHAOS_RUNS ??= "25";
await import("./chaos.test");
export {};
