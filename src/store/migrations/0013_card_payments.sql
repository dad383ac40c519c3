-- 0013: payments by card, PayPal or wallet that customers start in the portal through the
-- payment provider's hosted page (docs/PAYMENTS.md, docs/STORAGE.md). A row is written
-- before the provider is asked, so that the provider's idempotency key names it; the
-- provider's session id, the outcome and the booked ledger payment follow.
-- provider_events keeps the id of every signed provider event that was handled, so that a
-- redelivered or replayed event changes nothing; it is installation-level (events name a
-- provider session, not a creditor) like the users and web sessions.
CREATE TABLE card_payments (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('created', 'open', 'paid', 'expired', 'failed')),
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  items TEXT NOT NULL,
  language TEXT NOT NULL,
  session_ref TEXT NOT NULL,
  provider_session TEXT NOT NULL DEFAULT '',
  page_url TEXT NOT NULL DEFAULT '',
  payment_intent TEXT NOT NULL DEFAULT '',
  paid_minor BIGINT NOT NULL DEFAULT 0,
  payment_id BIGINT NOT NULL DEFAULT 0,
  interaction_id BIGINT NOT NULL DEFAULT 0,
  detail TEXT NOT NULL DEFAULT '',
  created_unix BIGINT NOT NULL,
  updated_unix BIGINT NOT NULL,
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX card_payments_by_customer ON card_payments (creditor_id, customer_id, id);
CREATE INDEX card_payments_by_session ON card_payments (provider_session);

CREATE TABLE provider_events (
  event_id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  card_payment_id BIGINT NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL,
  received_unix BIGINT NOT NULL
);
