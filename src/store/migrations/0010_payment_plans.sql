-- 0010: payment plans a customer arranged in the portal and their instalments
-- (docs/PORTAL.md, docs/STORAGE.md). The plan's hold (holds.id) pauses the journey; the
-- collection run compares the payments with the instalments due and ends the plan as
-- completed or broken.
CREATE TABLE payment_plans (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  hold_id BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'completed', 'broken', 'cancelled')),
  total_minor BIGINT NOT NULL CHECK (total_minor > 0),
  currency TEXT NOT NULL,
  invoice_ids TEXT NOT NULL,
  interest_accrues INTEGER NOT NULL,
  session_ref TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  ended_unix BIGINT NOT NULL DEFAULT 0,
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX payment_plans_by_customer ON payment_plans (creditor_id, customer_id, id);

CREATE TABLE payment_plan_instalments (
  plan_id BIGINT NOT NULL REFERENCES payment_plans (id),
  number INTEGER NOT NULL CHECK (number >= 1),
  due_on TEXT NOT NULL,
  amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
  PRIMARY KEY (plan_id, number)
);
