ALTER TABLE "merchant_settings" ADD COLUMN "representative_name" text;--> statement-breakpoint
ALTER TABLE "merchant_settings" ADD COLUMN "business_registration_number" text;--> statement-breakpoint
ALTER TABLE "merchant_settings" ADD COLUMN "mail_order_registration_number" text;--> statement-breakpoint
ALTER TABLE "merchant_settings" ADD COLUMN "business_address" text;