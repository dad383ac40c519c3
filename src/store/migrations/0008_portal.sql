-- The customer portal (docs/PORTAL.md): sessions opened by a personal link or by customer
-- number and check, and the failed checks per customer that lock it for a while.
-- A session row keeps only the SHA-256 of its cookie value.
CREATE TABLE portal_sessions (
  token_sha256 TEXT PRIMARY KEY,
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  csrf_token TEXT NOT NULL,
  language TEXT NOT NULL,
  entered_via TEXT NOT NULL CHECK (entered_via = 'link' OR entered_via = 'number'),
  verified_unix BIGINT NOT NULL DEFAULT 0,
  created_unix BIGINT NOT NULL,
  expires_unix BIGINT NOT NULL,
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX portal_sessions_by_customer ON portal_sessions (creditor_id, customer_id);

CREATE TABLE portal_check_failures (
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  failures INTEGER NOT NULL,
  window_start_unix BIGINT NOT NULL,
  locked_until_unix BIGINT NOT NULL,
  PRIMARY KEY (creditor_id, customer_id),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
