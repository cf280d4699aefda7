CREATE TYPE "public"."plan_change_kind" AS ENUM('upgrade', 'interval_change');--> statement-breakpoint
CREATE TYPE "public"."plan_change_outcome" AS ENUM('upgraded', 'interval_changed', 'failed', 'needs_review');--> statement-breakpoint
CREATE TABLE "plan_change_charges" (
	"charge_attempt_id" uuid PRIMARY KEY NOT NULL,
	"subscription_id" uuid NOT NULL,
	"kind" "plan_change_kind" NOT NULL,
	"from_plan_id" uuid NOT NULL,
	"to_plan_id" uuid NOT NULL,
	"old_amount" integer NOT NULL,
	"to_amount" integer NOT NULL,
	"to_amount_tax_free" integer DEFAULT 0 NOT NULL,
	"credit" integer DEFAULT 0 NOT NULL,
	"period_number" integer NOT NULL,
	"new_period_start" timestamp with time zone,
	"new_period_end" timestamp with time zone,
	"actor" text NOT NULL,
	"outcome" "plan_change_outcome",
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_change_charges_credit_nonnegative" CHECK ("plan_change_charges"."credit" >= 0)
);
--> statement-breakpoint
ALTER TABLE "merchant_settings" ADD COLUMN "enabled_providers" "payment_provider"[] DEFAULT '{toss_pay}'::payment_provider[] NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_change_charges" ADD CONSTRAINT "plan_change_charges_charge_attempt_id_charge_attempts_id_fk" FOREIGN KEY ("charge_attempt_id") REFERENCES "public"."charge_attempts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change_charges" ADD CONSTRAINT "plan_change_charges_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change_charges" ADD CONSTRAINT "plan_change_charges_from_plan_id_plans_id_fk" FOREIGN KEY ("from_plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change_charges" ADD CONSTRAINT "plan_change_charges_to_plan_id_plans_id_fk" FOREIGN KEY ("to_plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_change_charges_subscription_idx" ON "plan_change_charges" USING btree ("subscription_id","created_at");--> statement-breakpoint
CREATE INDEX "plan_change_charges_open_idx" ON "plan_change_charges" USING btree ("created_at") WHERE "plan_change_charges"."outcome" is null;--> statement-breakpoint
-- Backfill: proration attempts reserved before this table existed kept what they paid for in a
-- `plan_change_charge_reserved` subscription event; their outcome is the outcome event that
-- names the same attempt, if any.
INSERT INTO "plan_change_charges" ("charge_attempt_id", "subscription_id", "kind", "from_plan_id", "to_plan_id", "old_amount", "to_amount", "to_amount_tax_free", "credit", "period_number", "new_period_start", "new_period_end", "actor", "outcome", "completed_at", "created_at")
SELECT
	a."id",
	a."subscription_id",
	(e."data"->>'kind')::"plan_change_kind",
	(e."data"->>'fromPlanId')::uuid,
	(e."data"->>'toPlanId')::uuid,
	(e."data"->>'oldAmount')::integer,
	(e."data"->>'toAmount')::integer,
	coalesce((e."data"->>'toAmountTaxFree')::integer, 0),
	coalesce((e."data"->>'credit')::integer, 0),
	(e."data"->>'periodNumber')::integer,
	(e."data"->>'newPeriodStart')::timestamptz,
	(e."data"->>'newPeriodEnd')::timestamptz,
	coalesce(e."data"->>'actor', e."actor"),
	CASE o."type"
		WHEN 'plan_upgraded' THEN 'upgraded'::"plan_change_outcome"
		WHEN 'plan_interval_changed' THEN 'interval_changed'::"plan_change_outcome"
		WHEN 'plan_change_failed' THEN 'failed'::"plan_change_outcome"
		WHEN 'plan_change_needs_review' THEN 'needs_review'::"plan_change_outcome"
	END,
	o."created_at",
	e."created_at"
FROM "subscription_events" e
JOIN "charge_attempts" a ON a."id" = (e."data"->>'attemptId')::uuid
LEFT JOIN LATERAL (
	SELECT o."type", o."created_at" FROM "subscription_events" o
	WHERE o."subscription_id" = e."subscription_id"
		AND o."type" IN ('plan_upgraded', 'plan_interval_changed', 'plan_change_failed', 'plan_change_needs_review')
		AND o."data"->>'attemptId' = e."data"->>'attemptId'
	ORDER BY o."created_at"
	LIMIT 1
) o ON true
WHERE e."type" = 'plan_change_charge_reserved'
ON CONFLICT DO NOTHING;
