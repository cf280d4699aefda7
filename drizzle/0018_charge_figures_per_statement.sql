-- The charge figures per statement (docs/admin-at-scale.md, "Per statement, not per row"). The
-- row triggers of 0017 appended one charge_figures row per attempt inserted and two per attempt
-- settled: three rows and three trigger runs per charge. A billing run inserts and settles its
-- attempts in multi-row statements, so one run per statement, summing the whole statement's
-- contributions by key, appends a row or two per batch instead. What each attempt contributes
-- (admin_charge_figure) and the fold are unchanged, and so is every figure.
DROP TRIGGER charge_attempts_figures_insert_delete ON charge_attempts;--> statement-breakpoint
DROP TRIGGER charge_attempts_figures_update ON charge_attempts;--> statement-breakpoint
DROP FUNCTION admin_track_charge_figures();--> statement-breakpoint
-- new_attempts / old_attempts are the statement's transition tables: the rows as the statement
-- left them and as it found them. An UPDATE that changes no contributing column nets to zero
-- per key and appends nothing (the HAVING), as the row trigger's WHEN clause skipped it.
CREATE FUNCTION admin_track_charge_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO charge_figures (created_day, approved_day, provider, status, refund_state,
		                            test_mode, attempts, amount, refunded)
		SELECT f.created_day, f.approved_day, f.provider, f.status, f.refund_state, f.test_mode,
		       sum(f.attempts), sum(f.amount), sum(f.refunded)
		FROM new_attempts n CROSS JOIN LATERAL admin_charge_figure(n::charge_attempts) f
		GROUP BY 1, 2, 3, 4, 5, 6
		HAVING sum(f.attempts) <> 0 OR sum(f.amount) <> 0 OR sum(f.refunded) <> 0;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO charge_figures (created_day, approved_day, provider, status, refund_state,
		                            test_mode, attempts, amount, refunded)
		SELECT f.created_day, f.approved_day, f.provider, f.status, f.refund_state, f.test_mode,
		       -sum(f.attempts), -sum(f.amount), -sum(f.refunded)
		FROM old_attempts o CROSS JOIN LATERAL admin_charge_figure(o::charge_attempts) f
		GROUP BY 1, 2, 3, 4, 5, 6
		HAVING sum(f.attempts) <> 0 OR sum(f.amount) <> 0 OR sum(f.refunded) <> 0;
	ELSE
		INSERT INTO charge_figures (created_day, approved_day, provider, status, refund_state,
		                            test_mode, attempts, amount, refunded)
		SELECT f.created_day, f.approved_day, f.provider, f.status, f.refund_state, f.test_mode,
		       sum(f.attempts), sum(f.amount), sum(f.refunded)
		FROM (
			SELECT n.* FROM new_attempts a CROSS JOIN LATERAL admin_charge_figure(a::charge_attempts) n
			UNION ALL
			SELECT o.created_day, o.approved_day, o.provider, o.status, o.refund_state, o.test_mode,
			       -o.attempts, -o.amount, -o.refunded
			FROM old_attempts a CROSS JOIN LATERAL admin_charge_figure(a::charge_attempts) o
		) f
		GROUP BY 1, 2, 3, 4, 5, 6
		HAVING sum(f.attempts) <> 0 OR sum(f.amount) <> 0 OR sum(f.refunded) <> 0;
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER charge_attempts_figures_insert AFTER INSERT ON charge_attempts
	REFERENCING NEW TABLE AS new_attempts
	FOR EACH STATEMENT EXECUTE FUNCTION admin_track_charge_figures();--> statement-breakpoint
CREATE TRIGGER charge_attempts_figures_update AFTER UPDATE ON charge_attempts
	REFERENCING OLD TABLE AS old_attempts NEW TABLE AS new_attempts
	FOR EACH STATEMENT EXECUTE FUNCTION admin_track_charge_figures();--> statement-breakpoint
CREATE TRIGGER charge_attempts_figures_delete AFTER DELETE ON charge_attempts
	REFERENCING OLD TABLE AS old_attempts
	FOR EACH STATEMENT EXECUTE FUNCTION admin_track_charge_figures();
