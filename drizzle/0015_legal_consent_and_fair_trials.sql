CREATE TYPE "public"."legal_agreement_kind" AS ENUM('terms', 'privacy', 'marketing');--> statement-breakpoint
CREATE TYPE "public"."legal_document_kind" AS ENUM('terms', 'privacy', 'refund_policy');--> statement-breakpoint
CREATE TABLE "legal_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"kind" "legal_agreement_kind" NOT NULL,
	"document_version" integer,
	"agreed" boolean NOT NULL,
	"channel" text NOT NULL,
	"ip" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "legal_document_kind" NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text,
	CONSTRAINT "legal_documents_version_positive" CHECK ("legal_documents"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "paid_start_offers" (
	"subscription_id" uuid PRIMARY KEY NOT NULL,
	"payment_method_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "trial_instruments" (
	"fingerprint" text PRIMARY KEY NOT NULL,
	"user_id" text,
	"subscription_id" uuid,
	"first_trial_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "legal_agreements" ADD CONSTRAINT "legal_agreements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_documents" ADD CONSTRAINT "legal_documents_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paid_start_offers" ADD CONSTRAINT "paid_start_offers_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paid_start_offers" ADD CONSTRAINT "paid_start_offers_payment_method_id_payment_methods_id_fk" FOREIGN KEY ("payment_method_id") REFERENCES "public"."payment_methods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trial_instruments" ADD CONSTRAINT "trial_instruments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trial_instruments" ADD CONSTRAINT "trial_instruments_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "legal_agreements_user_kind_idx" ON "legal_agreements" USING btree ("user_id","kind","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_documents_kind_version_key" ON "legal_documents" USING btree ("kind","version");--> statement-breakpoint
CREATE INDEX "paid_start_offers_method_idx" ON "paid_start_offers" USING btree ("payment_method_id");