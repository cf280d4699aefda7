ALTER TYPE "public"."notification_kind" ADD VALUE 'email_verification';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'sign_up_attempt';--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payment_methods" ADD COLUMN "test_mode" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "charge_attempts" ADD COLUMN "test_mode" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "rate_limits_window_ends_idx" ON "rate_limits" USING btree ("window_ends_at");--> statement-breakpoint
-- Backfill: Toss Pay names the mode in every bill and status answer (raw_response.mode); an
-- attempt answered TEST moved no money. A method is a test method when one of its charges was,
-- or when its checkout link was not on Toss's own host (the built-in sandbox).
UPDATE "charge_attempts" SET "test_mode" = true WHERE "raw_response"->>'mode' = 'TEST';--> statement-breakpoint
UPDATE "payment_methods" pm SET "test_mode" = true
WHERE EXISTS (SELECT 1 FROM "charge_attempts" ca WHERE ca."payment_method_id" = pm."id" AND ca."test_mode")
   OR ("checkout_links" IS NOT NULL
       AND "checkout_links"->>'web' NOT LIKE 'https://pay.toss.im/%'
       AND "checkout_links"->>'web' NOT LIKE 'https://alpha-pay.toss.im/%');--> statement-breakpoint
-- Checkout links carry the billing key; only a pending registration still needs them.
UPDATE "payment_methods" SET "checkout_links" = NULL WHERE "status" <> 'pending';--> statement-breakpoint
-- Accounts created before email verification existed keep signing in: they count as verified
-- from the day they were created (grandfathered; new accounts verify through the emailed link).
UPDATE "users" SET "email_verified" = "created_at" WHERE "email_verified" IS NULL;
