CREATE SCHEMA "sandbox_portone";
--> statement-breakpoint
CREATE TYPE "sandbox_portone"."delivery_state" AS ENUM('pending', 'delivered', 'failed');--> statement-breakpoint
CREATE TYPE "sandbox_portone"."issuance_status" AS ENUM('OPEN', 'ISSUED', 'CANCELLED', 'FAILED');--> statement-breakpoint
CREATE TYPE "sandbox_portone"."payment_status" AS ENUM('PAID', 'FAILED', 'PARTIAL_CANCELLED', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "sandbox_portone"."billing_keys" (
	"billing_key" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"channel_key" text NOT NULL,
	"customer_id" text NOT NULL,
	"customer" jsonb NOT NULL,
	"issue_id" text,
	"issue_name" text,
	"custom_data" text,
	"notice_urls" jsonb NOT NULL,
	"instrument_id" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sandbox_portone"."cancellations" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"pg_cancellation_id" text NOT NULL,
	"total_amount" integer NOT NULL,
	"tax_free_amount" integer NOT NULL,
	"vat_amount" integer NOT NULL,
	"reason" text NOT NULL,
	"requester" text,
	"requested_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cancellations_amount_positive" CHECK ("sandbox_portone"."cancellations"."total_amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "sandbox_portone"."issuances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token" text NOT NULL,
	"store_id" text NOT NULL,
	"channel_key" text NOT NULL,
	"customer_id" text NOT NULL,
	"customer" jsonb NOT NULL,
	"issue_id" text,
	"issue_name" text,
	"custom_data" text,
	"notice_urls" jsonb NOT NULL,
	"flow" text NOT NULL,
	"redirect_url" text,
	"opener_origin" text,
	"request_id" text,
	"status" "sandbox_portone"."issuance_status" DEFAULT 'OPEN' NOT NULL,
	"billing_key" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_portone"."payments" (
	"store_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"transaction_id" text NOT NULL,
	"status" "sandbox_portone"."payment_status" NOT NULL,
	"billing_key" text NOT NULL,
	"channel_key" text NOT NULL,
	"order_name" text NOT NULL,
	"currency" text NOT NULL,
	"total_amount" integer NOT NULL,
	"tax_free_amount" integer NOT NULL,
	"vat_amount" integer NOT NULL,
	"cancelled_amount" integer DEFAULT 0 NOT NULL,
	"cancelled_tax_free_amount" integer DEFAULT 0 NOT NULL,
	"cancelled_vat_amount" integer DEFAULT 0 NOT NULL,
	"customer" jsonb NOT NULL,
	"custom_data" text,
	"notice_urls" jsonb NOT NULL,
	"instrument_id" text NOT NULL,
	"pg_tx_id" text,
	"failure_reason" text,
	"pg_code" text,
	"pg_message" text,
	"requested_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "payments_store_id_payment_id_pk" PRIMARY KEY("store_id","payment_id"),
	CONSTRAINT "payments_cancelled_within_total" CHECK ("sandbox_portone"."payments"."cancelled_amount" between 0 and "sandbox_portone"."payments"."total_amount")
);
--> statement-breakpoint
CREATE TABLE "sandbox_portone"."settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"latency_ms" integer,
	"error_rate" double precision,
	"timeout_rate" double precision,
	"lost_response_rate" double precision,
	"seed" integer,
	"updated_at" timestamp with time zone NOT NULL,
	"webhook_url" text,
	"webhook_retry_minute_ms" integer,
	CONSTRAINT "settings_single_row" CHECK ("sandbox_portone"."settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "sandbox_portone"."stores" (
	"store_id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"name" text NOT NULL,
	"api_secret" text NOT NULL,
	"webhook_secret" text NOT NULL,
	"channel_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_portone"."transactions" (
	"transaction_id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"status" text NOT NULL,
	"amount" integer NOT NULL,
	"pg_tx_id" text,
	"pg_code" text,
	"pg_message" text,
	"requested_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_portone"."webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"payload" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 6 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_status" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"store_id" text NOT NULL,
	"type" text NOT NULL,
	"state" "sandbox_portone"."delivery_state" DEFAULT 'pending' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sandbox_portone"."billing_keys" ADD CONSTRAINT "billing_keys_store_id_stores_store_id_fk" FOREIGN KEY ("store_id") REFERENCES "sandbox_portone"."stores"("store_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_portone"."issuances" ADD CONSTRAINT "issuances_store_id_stores_store_id_fk" FOREIGN KEY ("store_id") REFERENCES "sandbox_portone"."stores"("store_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_portone"."payments" ADD CONSTRAINT "payments_store_id_stores_store_id_fk" FOREIGN KEY ("store_id") REFERENCES "sandbox_portone"."stores"("store_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_portone"."payments" ADD CONSTRAINT "payments_billing_key_billing_keys_billing_key_fk" FOREIGN KEY ("billing_key") REFERENCES "sandbox_portone"."billing_keys"("billing_key") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_keys_store_customer_idx" ON "sandbox_portone"."billing_keys" USING btree ("store_id","customer_id");--> statement-breakpoint
CREATE INDEX "cancellations_payment_idx" ON "sandbox_portone"."cancellations" USING btree ("store_id","payment_id","cancelled_at");--> statement-breakpoint
CREATE UNIQUE INDEX "issuances_token_key" ON "sandbox_portone"."issuances" USING btree ("token");--> statement-breakpoint
CREATE INDEX "payments_billing_key_idx" ON "sandbox_portone"."payments" USING btree ("billing_key");--> statement-breakpoint
CREATE INDEX "payments_requested_idx" ON "sandbox_portone"."payments" USING btree ("requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stores_api_secret_key" ON "sandbox_portone"."stores" USING btree ("api_secret");--> statement-breakpoint
CREATE UNIQUE INDEX "stores_channel_key_key" ON "sandbox_portone"."stores" USING btree ("channel_key");--> statement-breakpoint
CREATE INDEX "transactions_payment_idx" ON "sandbox_portone"."transactions" USING btree ("store_id","payment_id","requested_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "sandbox_portone"."webhook_deliveries" USING btree ("next_attempt_at") WHERE "sandbox_portone"."webhook_deliveries"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_created_idx" ON "sandbox_portone"."webhook_deliveries" USING btree ("created_at");