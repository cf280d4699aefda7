CREATE TYPE "public"."withdrawal_use_policy" AS ENUM('regardless_of_use', 'unused_only');--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "service_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "merchant_settings" ADD COLUMN "withdrawal_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "merchant_settings" ADD COLUMN "withdrawal_use_policy" "withdrawal_use_policy" DEFAULT 'regardless_of_use' NOT NULL;--> statement-breakpoint
ALTER TABLE "merchant_settings" ADD COLUMN "prorated_cancel_refund" boolean DEFAULT false NOT NULL;