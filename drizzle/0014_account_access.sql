ALTER TYPE "public"."notification_kind" ADD VALUE 'password_reset';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'email_change_verification';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'email_change_notice';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sessions_valid_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "recipient" text;