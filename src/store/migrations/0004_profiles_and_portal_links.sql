-- 0004: what letters, messages and the portal show about a creditor (docs/STORAGE.md):
-- imprint, contact and bank details, logo and colour. One row per creditor, written whole.
-- The logo is PNG bytes as base64 text (one column type on both databases; at most
-- 512 KiB of PNG, checked where it is set).
CREATE TABLE creditor_profiles (
  creditor_id BIGINT NOT NULL PRIMARY KEY REFERENCES creditors (id),
  legal_name TEXT NOT NULL,
  street TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  city TEXT NOT NULL,
  country TEXT NOT NULL,
  phone TEXT NOT NULL,
  email TEXT NOT NULL,
  reply_to TEXT NOT NULL,
  website TEXT NOT NULL,
  iban TEXT NOT NULL,
  bic TEXT NOT NULL,
  bank_name TEXT NOT NULL,
  register_entry TEXT NOT NULL,
  vat_id TEXT NOT NULL,
  management TEXT NOT NULL,
  logo_png_base64 TEXT NOT NULL,
  brand_color TEXT NOT NULL
);

-- The customer's personal portal link (docs/PORTAL.md): the token is derived from the
-- instance secret, the creditor, the customer and the link's generation, so the database
-- holds only its SHA-256 (for finding the customer by a link). Revoking increases the
-- generation: the old link stops working and a new one is derived.
CREATE TABLE portal_links (
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  generation INTEGER NOT NULL CHECK (generation >= 1),
  token_sha256 TEXT NOT NULL UNIQUE,
  created_unix BIGINT NOT NULL,
  PRIMARY KEY (creditor_id, customer_id),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);

-- Secrets of this installation that live in the database when the configuration does not
-- name them (e.g. the portal-link secret of a single SQLite installation).
CREATE TABLE instance_secrets (
  name TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL,
  created_unix BIGINT NOT NULL
);

-- Payment references: each letter or message that asks for a payment carries an ISO 11649
-- RF creditor reference whose body is this row's id in base 36 (see docs/DOCUMENTS.md); the
-- row says which customer and which items it asked for, so that an incoming transfer
-- quoting it can be matched to exactly those items.
CREATE TABLE payment_references (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  invoice_ids TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX payment_references_by_customer ON payment_references (creditor_id, customer_id);
