CREATE TABLE "provider_slots" (
	"provider" "payment_provider" NOT NULL,
	"slot" integer NOT NULL,
	"held_by" uuid,
	"expires_at" timestamp with time zone,
	CONSTRAINT "provider_slots_provider_slot_pk" PRIMARY KEY("provider","slot"),
	CONSTRAINT "provider_slots_slot_non_negative" CHECK ("provider_slots"."slot" >= 0),
	CONSTRAINT "provider_slots_held_until" CHECK (("provider_slots"."held_by" is null) = ("provider_slots"."expires_at" is null))
);
