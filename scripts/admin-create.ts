// npm run admin:create -- --email admin@example.com [--password '...'] [--name 관리자]
// Creates an admin, or promotes an existing user, in the database at DATABASE_URL. Without
// --password a strong one is generated and printed once; it is not stored anywhere else.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { emailSchema } from "@/lib/auth/email";
import { newPasswordSchema } from "@/lib/auth/sign-up";
import { closeDb, db } from "@/lib/db/client";
import { ensureAdminUser } from "./support/seed-demo-data";

const USAGE =
  "사용법: npm run admin:create -- --email admin@example.com [--password 비밀번호] [--name 이름]";

const argsSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema.optional(),
  name: z.string().trim().min(1).max(50).optional(),
});

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`--${issue.path.join(".")}: ${issue.message}`);
    console.error(USAGE);
    process.exitCode = 1;
    return;
  }

  const { email, name } = parsed.data;
  const generated = parsed.data.password === undefined;
  const password = parsed.data.password ?? randomBytes(12).toString("base64url");
  try {
    const outcome = await ensureAdminUser(db(), { email, password, name });
    if (outcome === "created") {
      console.log(`관리자 계정을 만들었어요: ${email}`);
      if (generated) console.log(`비밀번호 (지금 한 번만 표시돼요): ${password}`);
    } else {
      // An existing account keeps its password; only the role changes.
      console.log(
        outcome === "promoted"
          ? `기존 사용자를 관리자로 바꿨어요: ${email} (비밀번호는 그대로예요)`
          : `이미 관리자예요: ${email} (변경 없음)`,
      );
    }
  } finally {
    await closeDb();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
