CREATE TYPE "public"."cash_receipt_trade_option" AS ENUM('GENERAL', 'CULTURE', 'PUBLIC_TP');--> statement-breakpoint
ALTER TABLE "charge_attempts" ADD COLUMN "order_name" text;--> statement-breakpoint
ALTER TABLE "charge_attempts" ADD COLUMN "cash_receipt_trade_option" "cash_receipt_trade_option";--> statement-breakpoint
ALTER TABLE "merchant_settings" ADD COLUMN "cash_receipt_issue" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "merchant_settings" ADD COLUMN "cash_receipt_trade_option" "cash_receipt_trade_option" DEFAULT 'GENERAL' NOT NULL;