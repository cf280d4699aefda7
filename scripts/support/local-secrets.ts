import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// Secrets for local development, generated on first run and kept under .data/ (git-ignored),
// so a fresh clone needs no configuration and nothing secret is ever committed.
export type LocalSecrets = {
  postgresPassword: string;
  authSecret: string;
  billingKeyEncryptionKey: string;
  cronSecret: string;
  demoAdminPassword: string;
};

export function loadLocalSecrets(dataRoot: string): LocalSecrets {
  const file = path.join(dataRoot, "local-secrets.json");
  const existing: Partial<LocalSecrets> = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as Partial<LocalSecrets>)
    : {};
  const secrets: LocalSecrets = {
    postgresPassword: existing.postgresPassword ?? randomBytes(18).toString("base64url"),
    authSecret: existing.authSecret ?? randomBytes(32).toString("base64url"),
    billingKeyEncryptionKey: existing.billingKeyEncryptionKey ?? randomBytes(32).toString("base64"),
    cronSecret: existing.cronSecret ?? randomBytes(32).toString("base64url"),
    demoAdminPassword: existing.demoAdminPassword ?? `demo-${randomBytes(6).toString("hex")}`,
  };
  if (JSON.stringify(existing) !== JSON.stringify(secrets)) {
    mkdirSync(dataRoot, { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}
