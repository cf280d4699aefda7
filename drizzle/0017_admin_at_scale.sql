CREATE TABLE "charge_figures" (
	"created_day" date NOT NULL,
	"approved_day" date,
	"provider" "payment_provider" NOT NULL,
	"status" charge_status NOT NULL,
	"refund_state" text NOT NULL,
	"test_mode" boolean NOT NULL,
	"attempts" integer NOT NULL,
	"amount" bigint NOT NULL,
	"refunded" bigint NOT NULL,
	"folded" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open_charge_failures" (
	"attempt_id" uuid PRIMARY KEY NOT NULL,
	"subscription_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"purpose" charge_purpose NOT NULL,
	"period_number" integer NOT NULL,
	"failure_category" charge_failure_category
);
--> statement-breakpoint
CREATE TABLE "refund_figures" (
	"day" date NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"test_mode" boolean NOT NULL,
	"refunds" integer NOT NULL,
	"amount" bigint NOT NULL,
	"folded" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscription_figures" (
	"kind" text NOT NULL,
	"day" date,
	"status" "subscription_status",
	"plan_id" uuid,
	"provider" "payment_provider",
	"live" boolean,
	"subscriptions" integer NOT NULL,
	"mrr" numeric NOT NULL,
	"folded" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
DROP INDEX "charge_attempts_created_idx";--> statement-breakpoint
DROP INDEX "refunds_created_idx";--> statement-breakpoint
DROP INDEX "audit_log_created_idx";--> statement-breakpoint
DROP INDEX "notifications_created_idx";--> statement-breakpoint
DROP INDEX "provider_events_received_idx";--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "paid_in_test_mode" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "open_charge_failures" ADD CONSTRAINT "open_charge_failures_attempt_id_charge_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."charge_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "charge_figures_created_day_idx" ON "charge_figures" USING btree ("created_day");--> statement-breakpoint
CREATE INDEX "charge_figures_approved_day_idx" ON "charge_figures" USING btree ("approved_day") WHERE "charge_figures"."approved_day" is not null;--> statement-breakpoint
CREATE INDEX "charge_figures_unfolded_idx" ON "charge_figures" USING btree ("created_day") WHERE not "charge_figures"."folded";--> statement-breakpoint
CREATE INDEX "open_charge_failures_subscription_idx" ON "open_charge_failures" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "open_charge_failures_created_idx" ON "open_charge_failures" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "open_charge_failures_needs_new_method_idx" ON "open_charge_failures" USING btree ("subscription_id") WHERE "open_charge_failures"."failure_category" = 'needs_new_method';--> statement-breakpoint
CREATE INDEX "refund_figures_day_idx" ON "refund_figures" USING btree ("day");--> statement-breakpoint
CREATE INDEX "refund_figures_unfolded_idx" ON "refund_figures" USING btree ("day") WHERE not "refund_figures"."folded";--> statement-breakpoint
CREATE INDEX "subscription_figures_kind_day_idx" ON "subscription_figures" USING btree ("kind","day");--> statement-breakpoint
CREATE INDEX "subscription_figures_unfolded_idx" ON "subscription_figures" USING btree ("kind") WHERE not "subscription_figures"."folded";--> statement-breakpoint
CREATE INDEX "subscriptions_next_charge_asc_idx" ON "subscriptions" USING btree ("next_charge_at","id");--> statement-breakpoint
CREATE INDEX "charge_attempts_created_id_idx" ON "charge_attempts" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "charge_attempts_amount_idx" ON "charge_attempts" USING btree ("amount","id");--> statement-breakpoint
CREATE INDEX "charge_attempts_status_created_idx" ON "charge_attempts" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "charge_attempts_provider_created_idx" ON "charge_attempts" USING btree ("provider","created_at","id");--> statement-breakpoint
CREATE INDEX "charge_attempts_failed_idx" ON "charge_attempts" USING btree ("created_at") WHERE "charge_attempts"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "notifications_status_created_idx" ON "notifications" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "provider_events_unverified_idx" ON "provider_events" USING btree ("received_at","id") WHERE not "provider_events"."verified";--> statement-breakpoint
CREATE INDEX "provider_events_unprocessed_idx" ON "provider_events" USING btree ("received_at","id") WHERE "provider_events"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "provider_events_error_idx" ON "provider_events" USING btree ("received_at","id") WHERE ("provider_events"."error" is not null or "provider_events"."outcome" like 'error:%');--> statement-breakpoint
CREATE INDEX "provider_events_rejected_idx" ON "provider_events" USING btree ("received_at","id") WHERE "provider_events"."event_type" = 'invalid';--> statement-breakpoint
CREATE INDEX "refunds_created_idx" ON "refunds" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_created_idx" ON "notifications" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "provider_events_received_idx" ON "provider_events" USING btree ("received_at","id");--> statement-breakpoint
-- Hand-written below (docs/admin-at-scale.md): what each row contributes to the admin's
-- figures, the triggers that append those contributions in the same transaction as the change,
-- folding, and the backfill.
CREATE FUNCTION admin_charge_figure(c charge_attempts) RETURNS TABLE (
	created_day date, approved_day date, provider payment_provider, status charge_status,
	refund_state text, test_mode boolean, attempts integer, amount bigint, refunded bigint
) LANGUAGE sql STABLE AS $$
	SELECT (c.created_at AT TIME ZONE 'Asia/Seoul')::date,
	       CASE WHEN c.status = 'succeeded' THEN (c.approved_at AT TIME ZONE 'Asia/Seoul')::date END,
	       c.provider, c.status,
	       CASE WHEN c.refunded_amount = 0 THEN 'none'
	            WHEN c.refunded_amount < c.amount THEN 'partial' ELSE 'full' END,
	       c.test_mode, 1, c.amount::bigint, c.refunded_amount::bigint
$$;--> statement-breakpoint
CREATE FUNCTION admin_refund_figure(r refunds) RETURNS TABLE (
	day date, provider payment_provider, test_mode boolean, refunds integer, amount bigint
) LANGUAGE sql STABLE AS $$
	SELECT (coalesce(r.completed_at, r.created_at) AT TIME ZONE 'Asia/Seoul')::date,
	       c.provider, c.test_mode, 1, r.amount::bigint
	FROM charge_attempts c
	WHERE c.id = r.charge_attempt_id AND r.status = 'succeeded'
$$;--> statement-breakpoint
-- MRR normalises a price to one month exactly as lib/admin/dashboard-stats.ts documents.
CREATE FUNCTION admin_subscription_figure(s subscriptions) RETURNS TABLE (
	kind text, day date, status subscription_status, plan_id uuid, provider payment_provider,
	live boolean, subscriptions integer, mrr numeric
) LANGUAGE sql STABLE AS $$
	SELECT 'state', NULL::date, s.status, s.plan_id,
	       (SELECT pm.provider FROM payment_methods pm WHERE pm.id = s.payment_method_id),
	       NOT s.paid_in_test_mode, 1,
	       (SELECT CASE p.interval
	                 WHEN 'day' THEN s.price_amount * 30.4375 / p.interval_count
	                 WHEN 'week' THEN s.price_amount * 4.348 / p.interval_count
	                 WHEN 'month' THEN s.price_amount::numeric / p.interval_count
	                 WHEN 'year' THEN s.price_amount::numeric / 12 / p.interval_count
	               END
	          FROM plans p WHERE p.id = s.plan_id)
	UNION ALL
	SELECT 'started', (s.created_at AT TIME ZONE 'Asia/Seoul')::date, NULL, NULL, NULL, NULL, 1, 0
	WHERE s.period_number > 0 OR s.trial_start IS NOT NULL
	UNION ALL
	SELECT 'ended', (s.ended_at AT TIME ZONE 'Asia/Seoul')::date, NULL, NULL, NULL, NULL, 1, 0
	WHERE (s.period_number > 0 OR s.trial_start IS NOT NULL)
	  AND s.status = 'canceled' AND s.ended_at IS NOT NULL
$$;--> statement-breakpoint
-- Each trigger appends new minus old, per key, leaving out keys whose contribution is unchanged.
CREATE FUNCTION admin_track_charge_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO charge_figures (created_day, approved_day, provider, status, refund_state, test_mode,
	                            attempts, amount, refunded)
	SELECT f.created_day, f.approved_day, f.provider, f.status, f.refund_state, f.test_mode,
	       sum(f.attempts), sum(f.amount), sum(f.refunded)
	FROM (
		SELECT n.* FROM admin_charge_figure(NEW) n WHERE TG_OP <> 'DELETE'
		UNION ALL
		SELECT o.created_day, o.approved_day, o.provider, o.status, o.refund_state, o.test_mode,
		       -o.attempts, -o.amount, -o.refunded
		FROM admin_charge_figure(OLD) o WHERE TG_OP <> 'INSERT'
	) f
	GROUP BY 1, 2, 3, 4, 5, 6
	HAVING sum(f.attempts) <> 0 OR sum(f.amount) <> 0 OR sum(f.refunded) <> 0;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION admin_track_refund_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO refund_figures (day, provider, test_mode, refunds, amount)
	SELECT f.day, f.provider, f.test_mode, sum(f.refunds), sum(f.amount)
	FROM (
		SELECT n.* FROM admin_refund_figure(NEW) n WHERE TG_OP <> 'DELETE'
		UNION ALL
		SELECT o.day, o.provider, o.test_mode, -o.refunds, -o.amount
		FROM admin_refund_figure(OLD) o WHERE TG_OP <> 'INSERT'
	) f
	GROUP BY 1, 2, 3
	HAVING sum(f.refunds) <> 0 OR sum(f.amount) <> 0;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION admin_track_subscription_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO subscription_figures (kind, day, status, plan_id, provider, live, subscriptions, mrr)
	SELECT f.kind, f.day, f.status, f.plan_id, f.provider, f.live, sum(f.subscriptions), sum(f.mrr)
	FROM (
		SELECT n.* FROM admin_subscription_figure(NEW) n WHERE TG_OP <> 'DELETE'
		UNION ALL
		SELECT o.kind, o.day, o.status, o.plan_id, o.provider, o.live, -o.subscriptions, -o.mrr
		FROM admin_subscription_figure(OLD) o WHERE TG_OP <> 'INSERT'
	) f
	GROUP BY 1, 2, 3, 4, 5, 6
	HAVING sum(f.subscriptions) <> 0 OR sum(f.mrr) <> 0;
	RETURN NULL;
END $$;--> statement-breakpoint
-- A subscription's billing is as live as the charge that last paid one of its periods. The
-- settle path locks the subscription before it updates the attempt, so this update takes no
-- new lock; it writes only when the mode differs.
CREATE FUNCTION admin_track_paid_in_test_mode() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE subscriptions SET paid_in_test_mode = NEW.test_mode
	WHERE id = NEW.subscription_id AND paid_in_test_mode IS DISTINCT FROM NEW.test_mode;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER charge_attempts_figures_insert_delete AFTER INSERT OR DELETE ON charge_attempts
	FOR EACH ROW EXECUTE FUNCTION admin_track_charge_figures();--> statement-breakpoint
CREATE TRIGGER charge_attempts_figures_update AFTER UPDATE ON charge_attempts FOR EACH ROW
	WHEN (OLD.status IS DISTINCT FROM NEW.status
	   OR OLD.refunded_amount IS DISTINCT FROM NEW.refunded_amount
	   OR OLD.approved_at IS DISTINCT FROM NEW.approved_at
	   OR OLD.amount IS DISTINCT FROM NEW.amount
	   OR OLD.provider IS DISTINCT FROM NEW.provider
	   OR OLD.test_mode IS DISTINCT FROM NEW.test_mode
	   OR OLD.created_at IS DISTINCT FROM NEW.created_at)
	EXECUTE FUNCTION admin_track_charge_figures();--> statement-breakpoint
CREATE TRIGGER charge_attempts_paid_in_test_mode AFTER INSERT OR UPDATE OF status ON charge_attempts
	FOR EACH ROW WHEN (NEW.status = 'succeeded' AND NEW.purpose = 'period')
	EXECUTE FUNCTION admin_track_paid_in_test_mode();--> statement-breakpoint
CREATE TRIGGER refunds_figures_insert_delete AFTER INSERT OR DELETE ON refunds
	FOR EACH ROW EXECUTE FUNCTION admin_track_refund_figures();--> statement-breakpoint
CREATE TRIGGER refunds_figures_update AFTER UPDATE ON refunds FOR EACH ROW
	WHEN (OLD.status IS DISTINCT FROM NEW.status
	   OR OLD.amount IS DISTINCT FROM NEW.amount
	   OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
	   OR OLD.created_at IS DISTINCT FROM NEW.created_at
	   OR OLD.charge_attempt_id IS DISTINCT FROM NEW.charge_attempt_id)
	EXECUTE FUNCTION admin_track_refund_figures();--> statement-breakpoint
CREATE TRIGGER subscriptions_figures_insert_delete AFTER INSERT OR DELETE ON subscriptions
	FOR EACH ROW EXECUTE FUNCTION admin_track_subscription_figures();--> statement-breakpoint
CREATE TRIGGER subscriptions_figures_update AFTER UPDATE ON subscriptions FOR EACH ROW
	WHEN (OLD.status IS DISTINCT FROM NEW.status
	   OR OLD.plan_id IS DISTINCT FROM NEW.plan_id
	   OR OLD.payment_method_id IS DISTINCT FROM NEW.payment_method_id
	   OR OLD.price_amount IS DISTINCT FROM NEW.price_amount
	   OR OLD.paid_in_test_mode IS DISTINCT FROM NEW.paid_in_test_mode
	   OR (OLD.period_number > 0) IS DISTINCT FROM (NEW.period_number > 0)
	   OR OLD.trial_start IS DISTINCT FROM NEW.trial_start
	   OR OLD.created_at IS DISTINCT FROM NEW.created_at
	   OR OLD.ended_at IS DISTINCT FROM NEW.ended_at)
	EXECUTE FUNCTION admin_track_subscription_figures();--> statement-breakpoint
-- open_charge_failures: a failure is open until a success pays what it was for (the period, or
-- the proration of that period) or its subscription ends.
CREATE FUNCTION admin_track_open_failures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.status = 'failed' THEN
		INSERT INTO open_charge_failures (attempt_id, subscription_id, created_at, purpose,
		                                  period_number, failure_category)
		VALUES (NEW.id, NEW.subscription_id, NEW.created_at, NEW.purpose, NEW.period_number,
		        NEW.failure_category)
		ON CONFLICT (attempt_id) DO NOTHING;
	ELSE
		DELETE FROM open_charge_failures f
		WHERE f.subscription_id = NEW.subscription_id AND f.purpose = NEW.purpose
		  AND CASE WHEN NEW.purpose = 'period' THEN f.period_number <= NEW.period_number
		           ELSE f.period_number = NEW.period_number END;
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER charge_attempts_open_failures AFTER INSERT OR UPDATE OF status ON charge_attempts
	FOR EACH ROW WHEN (NEW.status IN ('failed', 'succeeded'))
	EXECUTE FUNCTION admin_track_open_failures();--> statement-breakpoint
-- A subscription that ends closes its failures; one whose paid period moves on (a renewal, or a
-- free period granted past a failed one) closes the failures of the periods now paid.
CREATE FUNCTION admin_close_failures_of_subscription() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.status = 'canceled' THEN
		DELETE FROM open_charge_failures WHERE subscription_id = NEW.id;
	ELSE
		DELETE FROM open_charge_failures f
		WHERE f.subscription_id = NEW.id AND f.purpose = 'period'
		  AND f.period_number <= NEW.period_number;
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER subscriptions_close_failures AFTER UPDATE OF status, period_number ON subscriptions
	FOR EACH ROW WHEN (NEW.status = 'canceled' OR NEW.period_number > OLD.period_number)
	EXECUTE FUNCTION admin_close_failures_of_subscription();--> statement-breakpoint
-- TRUNCATE fires no row triggers: emptying a table empties what it contributed.
CREATE FUNCTION admin_truncate_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'charge_attempts' THEN
		DELETE FROM charge_figures;
	ELSIF TG_TABLE_NAME = 'refunds' THEN
		DELETE FROM refund_figures;
	ELSIF TG_TABLE_NAME = 'subscriptions' THEN
		DELETE FROM subscription_figures;
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER charge_attempts_figures_truncate AFTER TRUNCATE ON charge_attempts
	FOR EACH STATEMENT EXECUTE FUNCTION admin_truncate_figures();--> statement-breakpoint
CREATE TRIGGER refunds_figures_truncate AFTER TRUNCATE ON refunds
	FOR EACH STATEMENT EXECUTE FUNCTION admin_truncate_figures();--> statement-breakpoint
CREATE TRIGGER subscriptions_figures_truncate AFTER TRUNCATE ON subscriptions
	FOR EACH STATEMENT EXECUTE FUNCTION admin_truncate_figures();--> statement-breakpoint
-- Collapses the appended rows of each key that has any into one folded row. Readers call it
-- before reading; one fold at a time (others skip: their sums are the same either way).
CREATE FUNCTION admin_fold_figures() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF NOT pg_try_advisory_xact_lock(hashtext('admin_fold_figures')) THEN
		RETURN;
	END IF;
	WITH keys AS (
		SELECT DISTINCT created_day, approved_day, provider, status, refund_state, test_mode
		FROM charge_figures WHERE NOT folded
	), gone AS (
		DELETE FROM charge_figures f USING keys k
		WHERE f.created_day = k.created_day AND f.approved_day IS NOT DISTINCT FROM k.approved_day
		  AND f.provider = k.provider AND f.status = k.status
		  AND f.refund_state = k.refund_state AND f.test_mode = k.test_mode
		RETURNING f.*
	)
	INSERT INTO charge_figures (created_day, approved_day, provider, status, refund_state, test_mode,
	                            attempts, amount, refunded, folded)
	SELECT created_day, approved_day, provider, status, refund_state, test_mode,
	       sum(attempts), sum(amount), sum(refunded), true
	FROM gone GROUP BY 1, 2, 3, 4, 5, 6
	HAVING sum(attempts) <> 0 OR sum(amount) <> 0 OR sum(refunded) <> 0;

	WITH keys AS (
		SELECT DISTINCT day, provider, test_mode FROM refund_figures WHERE NOT folded
	), gone AS (
		DELETE FROM refund_figures f USING keys k
		WHERE f.day = k.day AND f.provider = k.provider AND f.test_mode = k.test_mode
		RETURNING f.*
	)
	INSERT INTO refund_figures (day, provider, test_mode, refunds, amount, folded)
	SELECT day, provider, test_mode, sum(refunds), sum(amount), true
	FROM gone GROUP BY 1, 2, 3
	HAVING sum(refunds) <> 0 OR sum(amount) <> 0;

	WITH keys AS (
		SELECT DISTINCT kind, day, status, plan_id, provider, live
		FROM subscription_figures WHERE NOT folded
	), gone AS (
		DELETE FROM subscription_figures f USING keys k
		WHERE f.kind = k.kind AND f.day IS NOT DISTINCT FROM k.day
		  AND f.status IS NOT DISTINCT FROM k.status AND f.plan_id IS NOT DISTINCT FROM k.plan_id
		  AND f.provider IS NOT DISTINCT FROM k.provider AND f.live IS NOT DISTINCT FROM k.live
		RETURNING f.*
	)
	INSERT INTO subscription_figures (kind, day, status, plan_id, provider, live, subscriptions, mrr,
	                                  folded)
	SELECT kind, day, status, plan_id, provider, live, sum(subscriptions), sum(mrr), true
	FROM gone GROUP BY 1, 2, 3, 4, 5, 6
	HAVING sum(subscriptions) <> 0 OR sum(mrr) <> 0;
END $$;--> statement-breakpoint
-- From scratch: the backfill below, and after a bulk load that skipped the triggers.
CREATE FUNCTION admin_rebuild_aggregates() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	UPDATE subscriptions s SET paid_in_test_mode = last_paid.test_mode
	FROM (
		SELECT DISTINCT ON (subscription_id) subscription_id, test_mode
		FROM charge_attempts WHERE status = 'succeeded' AND purpose = 'period'
		ORDER BY subscription_id, period_number DESC, created_at DESC
	) last_paid
	WHERE last_paid.subscription_id = s.id AND s.paid_in_test_mode IS DISTINCT FROM last_paid.test_mode;
	LOCK TABLE charge_figures, refund_figures, subscription_figures IN EXCLUSIVE MODE;
	DELETE FROM charge_figures;
	DELETE FROM refund_figures;
	DELETE FROM subscription_figures;
	INSERT INTO charge_figures (created_day, approved_day, provider, status, refund_state, test_mode,
	                            attempts, amount, refunded, folded)
	SELECT f.created_day, f.approved_day, f.provider, f.status, f.refund_state, f.test_mode,
	       sum(f.attempts), sum(f.amount), sum(f.refunded), true
	FROM charge_attempts c CROSS JOIN LATERAL admin_charge_figure(c) f
	GROUP BY 1, 2, 3, 4, 5, 6;
	INSERT INTO refund_figures (day, provider, test_mode, refunds, amount, folded)
	SELECT f.day, f.provider, f.test_mode, sum(f.refunds), sum(f.amount), true
	FROM refunds r CROSS JOIN LATERAL admin_refund_figure(r) f
	GROUP BY 1, 2, 3;
	INSERT INTO subscription_figures (kind, day, status, plan_id, provider, live, subscriptions, mrr,
	                                  folded)
	SELECT f.kind, f.day, f.status, f.plan_id, f.provider, f.live, sum(f.subscriptions), sum(f.mrr), true
	FROM subscriptions s CROSS JOIN LATERAL admin_subscription_figure(s) f
	GROUP BY 1, 2, 3, 4, 5, 6;
	DELETE FROM open_charge_failures;
	INSERT INTO open_charge_failures (attempt_id, subscription_id, created_at, purpose,
	                                  period_number, failure_category)
	SELECT c.id, c.subscription_id, c.created_at, c.purpose, c.period_number, c.failure_category
	FROM charge_attempts c JOIN subscriptions s ON s.id = c.subscription_id
	WHERE c.status = 'failed' AND s.status <> 'canceled'
	  AND (c.purpose <> 'period' OR c.period_number > s.period_number)
	  AND NOT EXISTS (
		SELECT 1 FROM charge_attempts paid
		WHERE paid.subscription_id = c.subscription_id AND paid.status = 'succeeded'
		  AND paid.purpose = c.purpose
		  AND CASE WHEN c.purpose = 'period' THEN paid.period_number >= c.period_number
		           ELSE paid.period_number = c.period_number END);
END $$;--> statement-breakpoint
SELECT admin_rebuild_aggregates();
--> statement-breakpoint
-- A two-character Korean name part ("민준") has no trigram, so pg_trgm cannot serve
-- ILIKE '%민준%': the admin's customer search (lib/admin/list/customer-search.ts) looks such
-- parts up in this index of each name's character pairs.
CREATE FUNCTION admin_name_bigrams(name text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT coalesce(array_agg(DISTINCT substr(lower(name), i, 2)), '{}')
	FROM generate_series(1, length(name) - 1) i
$$;--> statement-breakpoint
CREATE INDEX users_name_bigrams_idx ON users USING gin (admin_name_bigrams(name));
