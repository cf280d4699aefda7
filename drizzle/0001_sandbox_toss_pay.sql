CREATE SCHEMA "sandbox_toss_pay";
--> statement-breakpoint
CREATE TYPE "sandbox_toss_pay"."billing_key_status" AS ENUM('CREATE', 'AUTH', 'ACTIVE', 'REMOVE', 'FAIL', 'CANCEL');--> statement-breakpoint
CREATE TYPE "sandbox_toss_pay"."callback_delivery_state" AS ENUM('pending', 'delivered', 'failed');--> statement-breakpoint
CREATE TYPE "sandbox_toss_pay"."pay_status" AS ENUM('PAY_STANDBY', 'PAY_APPROVED', 'PAY_CANCEL', 'PAY_PROGRESS', 'PAY_COMPLETE', 'REFUND_PROGRESS', 'REFUND_SUCCESS', 'SETTLEMENT_COMPLETE', 'SETTLEMENT_REFUND_COMPLETE');--> statement-breakpoint
CREATE TABLE "sandbox_toss_pay"."billing_keys" (
	"billing_key" text PRIMARY KEY NOT NULL,
	"api_key" text NOT NULL,
	"user_id" text NOT NULL,
	"display_id" text,
	"product_desc" text NOT NULL,
	"status" "sandbox_toss_pay"."billing_key_status" DEFAULT 'CREATE' NOT NULL,
	"instrument_id" text,
	"checkout_token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"result_callback" text NOT NULL,
	"ret_app_scheme" text,
	"return_success_url" text,
	"return_failure_url" text,
	"has_encrypted_user_ci" boolean DEFAULT false NOT NULL,
	"end_reason" text,
	"removed_by" text,
	"last_fail_push_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"activated_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_toss_pay"."callback_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"billing_key" text NOT NULL,
	"url" text NOT NULL,
	"payload" jsonb NOT NULL,
	"state" "sandbox_toss_pay"."callback_delivery_state" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_status" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_toss_pay"."charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"api_key" text NOT NULL,
	"order_no" text NOT NULL,
	"pay_token" text NOT NULL,
	"transaction_id" text,
	"billing_key" text NOT NULL,
	"user_id" text NOT NULL,
	"product_desc" text NOT NULL,
	"amount" integer NOT NULL,
	"amount_tax_free" integer NOT NULL,
	"amount_taxable" integer NOT NULL,
	"amount_vat" integer NOT NULL,
	"amount_service_fee" integer NOT NULL,
	"spread_out" integer DEFAULT 0 NOT NULL,
	"cash_receipt" boolean DEFAULT false NOT NULL,
	"cash_receipt_trade_option" text DEFAULT 'GENERAL' NOT NULL,
	"pay_method" text NOT NULL,
	"instrument_id" text NOT NULL,
	"pay_status" "sandbox_toss_pay"."pay_status" NOT NULL,
	"refunded_amount" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"error_message" text,
	"fail_push_sent" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone,
	CONSTRAINT "charges_refunded_within_amount" CHECK ("sandbox_toss_pay"."charges"."refunded_amount" between 0 and "sandbox_toss_pay"."charges"."amount")
);
--> statement-breakpoint
CREATE TABLE "sandbox_toss_pay"."refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"charge_id" uuid NOT NULL,
	"api_key" text NOT NULL,
	"refund_no" text NOT NULL,
	"transaction_id" text NOT NULL,
	"amount" integer NOT NULL,
	"amount_tax_free" integer NOT NULL,
	"amount_taxable" integer NOT NULL,
	"amount_vat" integer NOT NULL,
	"amount_service_fee" integer NOT NULL,
	"reason" text,
	"request_fingerprint" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "refunds_amount_positive" CHECK ("sandbox_toss_pay"."refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "sandbox_toss_pay"."settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"latency_ms" integer,
	"error_rate" double precision,
	"timeout_rate" double precision,
	"lost_response_rate" double precision,
	"callback_retry_interval_ms" integer,
	"seed" integer,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "settings_single_row" CHECK ("sandbox_toss_pay"."settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "sandbox_toss_pay"."callback_deliveries" ADD CONSTRAINT "callback_deliveries_billing_key_billing_keys_billing_key_fk" FOREIGN KEY ("billing_key") REFERENCES "sandbox_toss_pay"."billing_keys"("billing_key") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_toss_pay"."charges" ADD CONSTRAINT "charges_billing_key_billing_keys_billing_key_fk" FOREIGN KEY ("billing_key") REFERENCES "sandbox_toss_pay"."billing_keys"("billing_key") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_toss_pay"."refunds" ADD CONSTRAINT "refunds_charge_id_charges_id_fk" FOREIGN KEY ("charge_id") REFERENCES "sandbox_toss_pay"."charges"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_keys_checkout_token_key" ON "sandbox_toss_pay"."billing_keys" USING btree ("checkout_token");--> statement-breakpoint
CREATE INDEX "billing_keys_merchant_user_idx" ON "sandbox_toss_pay"."billing_keys" USING btree ("api_key","user_id","created_at");--> statement-breakpoint
CREATE INDEX "callback_deliveries_due_idx" ON "sandbox_toss_pay"."callback_deliveries" USING btree ("next_attempt_at") WHERE "sandbox_toss_pay"."callback_deliveries"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "callback_deliveries_billing_key_idx" ON "sandbox_toss_pay"."callback_deliveries" USING btree ("billing_key","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "charges_merchant_order_no_key" ON "sandbox_toss_pay"."charges" USING btree ("api_key","order_no");--> statement-breakpoint
CREATE UNIQUE INDEX "charges_pay_token_key" ON "sandbox_toss_pay"."charges" USING btree ("pay_token");--> statement-breakpoint
CREATE INDEX "charges_billing_key_idx" ON "sandbox_toss_pay"."charges" USING btree ("billing_key","created_at");--> statement-breakpoint
CREATE INDEX "charges_user_id_idx" ON "sandbox_toss_pay"."charges" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "charges_created_at_idx" ON "sandbox_toss_pay"."charges" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_merchant_refund_no_key" ON "sandbox_toss_pay"."refunds" USING btree ("api_key","refund_no");--> statement-breakpoint
CREATE INDEX "refunds_charge_idx" ON "sandbox_toss_pay"."refunds" USING btree ("charge_id","created_at");