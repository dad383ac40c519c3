-- 0009: the customer portal's settings file per creditor, failed entries by customer
-- number, and what customers do in the portal (docs/PORTAL.md, docs/STORAGE.md).

-- A creditor's portal file, versioned whole like collection files; the latest applies.
CREATE TABLE portal_files (
  creditor_id BIGINT NOT NULL REFERENCES creditors (id),
  version INTEGER NOT NULL CHECK (version >= 1),
  content TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  note TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  PRIMARY KEY (creditor_id, version)
);

-- Failed entries with customer number and check, per typed number (the SHA-256 of the
-- number as normalised), whether or not a customer has that number: the lock looks the
-- same either way.
CREATE TABLE portal_entry_failures (
  creditor_id BIGINT NOT NULL REFERENCES creditors (id),
  number_sha256 TEXT NOT NULL,
  failures INTEGER NOT NULL,
  window_start_unix BIGINT NOT NULL,
  locked_until_unix BIGINT NOT NULL,
  PRIMARY KEY (creditor_id, number_sha256)
);

-- Every change of state a customer makes in the portal (plan, promise, dispute, mandate,
-- preferences, ...) and every request (callback, credit note), with the session it came
-- from, and the customer's optional rating of it.
CREATE TABLE portal_interactions (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  summary TEXT NOT NULL,
  detail_json TEXT NOT NULL,
  session_ref TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  rating TEXT NOT NULL DEFAULT '' CHECK (rating IN ('', 'good', 'neutral', 'bad')),
  rating_comment TEXT NOT NULL DEFAULT '',
  rated_unix BIGINT NOT NULL DEFAULT 0,
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX portal_interactions_by_customer ON portal_interactions (creditor_id, customer_id, id);
