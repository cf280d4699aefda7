CREATE SCHEMA "sandbox_toss_payments";
--> statement-breakpoint
CREATE TYPE "sandbox_toss_payments"."auth_window_status" AS ENUM('OPEN', 'APPROVED', 'CANCELED', 'ABORTED');--> statement-breakpoint
CREATE TYPE "sandbox_toss_payments"."billing_method" AS ENUM('CARD', 'TRANSFER');--> statement-breakpoint
CREATE TYPE "sandbox_toss_payments"."delivery_state" AS ENUM('pending', 'delivered', 'failed');--> statement-breakpoint
CREATE TYPE "sandbox_toss_payments"."payment_status" AS ENUM('DONE', 'PARTIAL_CANCELED', 'CANCELED', 'ABORTED');--> statement-breakpoint
CREATE TABLE "sandbox_toss_payments"."auth_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token" text NOT NULL,
	"client_key" text NOT NULL,
	"customer_key" text NOT NULL,
	"method" "sandbox_toss_payments"."billing_method" NOT NULL,
	"success_url" text NOT NULL,
	"fail_url" text NOT NULL,
	"customer_email" text,
	"customer_name" text,
	"status" "sandbox_toss_payments"."auth_window_status" DEFAULT 'OPEN' NOT NULL,
	"instrument_id" text,
	"card_type" text,
	"owner_type" text,
	"auth_key" text,
	"auth_key_expires_at" timestamp with time zone,
	"auth_key_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_toss_payments"."billing_keys" (
	"billing_key" text PRIMARY KEY NOT NULL,
	"secret_key" text NOT NULL,
	"customer_key" text NOT NULL,
	"method" "sandbox_toss_payments"."billing_method" NOT NULL,
	"instrument_id" text NOT NULL,
	"card_type" text,
	"owner_type" text,
	"authenticated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"delete_reason" text
);
--> statement-breakpoint
CREATE TABLE "sandbox_toss_payments"."cancels" (
	"transaction_key" text PRIMARY KEY NOT NULL,
	"payment_key" text NOT NULL,
	"cancel_amount" integer NOT NULL,
	"tax_free_amount" integer NOT NULL,
	"cancel_reason" text NOT NULL,
	"refundable_amount" integer NOT NULL,
	"canceled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cancels_amount_positive" CHECK ("sandbox_toss_payments"."cancels"."cancel_amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "sandbox_toss_payments"."idempotency_keys" (
	"secret_key" text NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_secret_key_key_method_path_pk" PRIMARY KEY("secret_key","key","method","path")
);
--> statement-breakpoint
CREATE TABLE "sandbox_toss_payments"."payments" (
	"payment_key" text PRIMARY KEY NOT NULL,
	"secret_key" text NOT NULL,
	"order_id" text NOT NULL,
	"order_name" text NOT NULL,
	"billing_key" text NOT NULL,
	"customer_key" text NOT NULL,
	"customer_email" text,
	"customer_name" text,
	"status" "sandbox_toss_payments"."payment_status" NOT NULL,
	"total_amount" integer NOT NULL,
	"balance_amount" integer NOT NULL,
	"tax_free_amount" integer NOT NULL,
	"installment_plan_months" integer DEFAULT 0 NOT NULL,
	"instrument_id" text NOT NULL,
	"last_transaction_key" text,
	"failure_code" text,
	"failure_message" text,
	"requested_at" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone,
	CONSTRAINT "payments_balance_within_total" CHECK ("sandbox_toss_payments"."payments"."balance_amount" between 0 and "sandbox_toss_payments"."payments"."total_amount")
);
--> statement-breakpoint
CREATE TABLE "sandbox_toss_payments"."settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"latency_ms" integer,
	"error_rate" double precision,
	"timeout_rate" double precision,
	"lost_response_rate" double precision,
	"seed" integer,
	"updated_at" timestamp with time zone NOT NULL,
	"webhook_url" text,
	"webhook_retry_minute_ms" integer,
	CONSTRAINT "settings_single_row" CHECK ("sandbox_toss_payments"."settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "sandbox_toss_payments"."webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"payload" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_status" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"secret_key" text NOT NULL,
	"event_type" text NOT NULL,
	"state" "sandbox_toss_payments"."delivery_state" DEFAULT 'pending' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sandbox_toss_payments"."cancels" ADD CONSTRAINT "cancels_payment_key_payments_payment_key_fk" FOREIGN KEY ("payment_key") REFERENCES "sandbox_toss_payments"."payments"("payment_key") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_toss_payments"."payments" ADD CONSTRAINT "payments_billing_key_billing_keys_billing_key_fk" FOREIGN KEY ("billing_key") REFERENCES "sandbox_toss_payments"."billing_keys"("billing_key") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "auth_windows_token_key" ON "sandbox_toss_payments"."auth_windows" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "auth_windows_auth_key_key" ON "sandbox_toss_payments"."auth_windows" USING btree ("auth_key");--> statement-breakpoint
CREATE INDEX "billing_keys_merchant_customer_idx" ON "sandbox_toss_payments"."billing_keys" USING btree ("secret_key","customer_key");--> statement-breakpoint
CREATE INDEX "cancels_payment_idx" ON "sandbox_toss_payments"."cancels" USING btree ("payment_key","canceled_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_idx" ON "sandbox_toss_payments"."idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_merchant_order_id_key" ON "sandbox_toss_payments"."payments" USING btree ("secret_key","order_id") WHERE "sandbox_toss_payments"."payments"."status" <> 'ABORTED';--> statement-breakpoint
CREATE INDEX "payments_merchant_order_lookup_idx" ON "sandbox_toss_payments"."payments" USING btree ("secret_key","order_id","requested_at");--> statement-breakpoint
CREATE INDEX "payments_billing_key_idx" ON "sandbox_toss_payments"."payments" USING btree ("billing_key","requested_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "sandbox_toss_payments"."webhook_deliveries" USING btree ("next_attempt_at") WHERE "sandbox_toss_payments"."webhook_deliveries"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_created_idx" ON "sandbox_toss_payments"."webhook_deliveries" USING btree ("created_at");