// The admin that scripts/e2e-server.ts seeds into the fresh e2e database. A fixed, test-only
// password: the database exists only for one Playwright run on this machine.
export const E2E_ADMIN = {
  email: "admin@example.com",
  password: "e2e-admin-password-0000",
  name: "테스트 관리자",
} as const;

/** A new, unique customer for one test, so tests can run in parallel on one database. */
export function newCustomer(label = "customer") {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return {
    name: "김테스트",
    email: `${label}-${id}@example.com`,
    password: `pw-${id}-Secure!`,
  };
}
