-- 0011: SEPA direct-debit mandates a customer gave in the portal (docs/PORTAL.md,
-- docs/STORAGE.md): for one payment (its amount, items and collection day, with the
-- promise hold that pauses dunning until then) or for future invoices (recurring).
-- Revoking keeps the row and records when and from which session.
CREATE TABLE sepa_mandates (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  reference TEXT NOT NULL,
  account_holder TEXT NOT NULL,
  iban TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('single', 'recurring')),
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  invoice_ids TEXT NOT NULL,
  collection_on TEXT NOT NULL,
  hold_id BIGINT NOT NULL,
  session_ref TEXT NOT NULL,
  signed_unix BIGINT NOT NULL,
  revoked_unix BIGINT NOT NULL DEFAULT 0,
  revoked_by TEXT NOT NULL DEFAULT '',
  UNIQUE (creditor_id, reference),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX sepa_mandates_by_customer ON sepa_mandates (creditor_id, customer_id, id);
