// npm run db:migrate: applies drizzle/ to DATABASE_URL (deploys run this before traffic).
import { getEnv } from "@/lib/env";
import { migrateDatabase } from "@/lib/db/migrate";

const url = getEnv().DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: nothing to migrate.");
  process.exit(1);
}
await migrateDatabase(url);
console.log("Migrations applied.");
