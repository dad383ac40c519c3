-- 0006: sending what the run put into the outbox (docs/DISPATCH.md), the contact history
-- and webhooks to the creditor's systems (docs/WEBHOOKS.md).
--
-- Outbox states: pending (waiting for its window or next attempt) -> sending (the SMTP or
-- gateway transaction may be under way; lease_until_unix bounds it) -> sent | failed |
-- cancelled. An entry still `sending` after its lease ran out was interrupted: it is
-- taken again, counted in `in_doubt`, and sent with the same message_id.
ALTER TABLE outbox ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_unix BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN lease_until_unix BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN provider_id TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN sent_unix BIGINT NOT NULL DEFAULT 0;
-- The dispatcher's question "what is due now" reads only unfinished entries.
CREATE INDEX outbox_unfinished ON outbox (creditor_id, status, send_from_unix);

-- Every message as it went out: rendered content, channel, address, time, delivery state,
-- and the decision (key and reason) it came from. Documents sent with it are rows of
-- contact_documents (base64, as logos in 0004).
CREATE TABLE contact_history (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  outbox_id BIGINT NOT NULL,
  channel TEXT NOT NULL,
  address TEXT NOT NULL,
  template TEXT NOT NULL,
  tone TEXT NOT NULL,
  language TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL,
  message_id TEXT NOT NULL,
  provider_id TEXT NOT NULL,
  decision_key TEXT NOT NULL,
  reason TEXT NOT NULL,
  invoice_ids TEXT NOT NULL,
  sent_unix BIGINT NOT NULL,
  delivery_state TEXT NOT NULL,
  state_detail TEXT NOT NULL,
  updated_unix BIGINT NOT NULL,
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX contact_history_by_customer ON contact_history (creditor_id, customer_id, id);
CREATE INDEX contact_history_by_provider_id ON contact_history (provider_id);

CREATE TABLE contact_documents (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  history_id BIGINT NOT NULL REFERENCES contact_history (id),
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  content_base64 TEXT NOT NULL
);
CREATE INDEX contact_documents_by_history ON contact_documents (history_id);

-- Webhooks: a creditor's registered URLs with the events they want, and one delivery row
-- per (event, subscription), retried with backoff until delivered or given up.
CREATE TABLE webhook_subscriptions (
  id {{ID}},
  creditor_id BIGINT NOT NULL REFERENCES creditors (id),
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  events TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  active INTEGER NOT NULL
);

CREATE TABLE webhook_deliveries (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  subscription_id BIGINT NOT NULL REFERENCES webhook_subscriptions (id),
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_unix BIGINT NOT NULL,
  last_status INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  delivered_unix BIGINT NOT NULL,
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (creditor_id, status, next_attempt_unix);
