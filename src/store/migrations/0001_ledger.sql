-- 0001: the receivables ledger, API keys, users, memberships and web sessions.
-- {{ID}} becomes the dialect's auto-assigned 64-bit primary key.
-- Allowed values are checked with OR chains rather than IN lists: SQLite builds a
-- temporary index for an IN list of three or more values on every insert.
-- Tenant isolation: every creditor-owned row carries creditor_id, and every reference
-- between such rows is a composite foreign key that includes creditor_id, so a row can
-- never point at another creditor's row.

CREATE TABLE creditors (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  currency TEXT NOT NULL,
  country TEXT NOT NULL
);

CREATE TABLE customers (
  id {{ID}},
  creditor_id BIGINT NOT NULL REFERENCES creditors (id),
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  customer_type TEXT NOT NULL CHECK (customer_type = 'consumer' OR customer_type = 'business'),
  language TEXT NOT NULL CHECK (language = 'de' OR language = 'en'),
  time_zone TEXT NOT NULL,
  country TEXT NOT NULL,
  state TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  city TEXT NOT NULL,
  street TEXT NOT NULL,
  birth_date TEXT,
  key_account INTEGER NOT NULL CHECK (key_account = 0 OR key_account = 1),
  also_supplier INTEGER NOT NULL CHECK (also_supplier = 0 OR also_supplier = 1),
  risk_score INTEGER CHECK (risk_score BETWEEN 0 AND 100),
  customer_since TEXT,
  lifetime_revenue_minor BIGINT NOT NULL,
  contacts TEXT NOT NULL,
  UNIQUE (creditor_id, id),
  UNIQUE (creditor_id, external_id)
);

CREATE TABLE invoices (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  external_id TEXT NOT NULL,
  number TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind = 'invoice' OR kind = 'fee' OR kind = 'interest'),
  issue_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  skonto_basis_points INTEGER NOT NULL,
  skonto_days INTEGER NOT NULL,
  open_minor BIGINT NOT NULL,
  UNIQUE (creditor_id, id),
  UNIQUE (creditor_id, external_id),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
-- Serves a customer's ledger and the customer filter of lists. There is deliberately no
-- due-date index: lists are paginated in id order, so a due-date filter is checked while
-- walking the creditor's rows by id, and the portfolio aging is one scan of them. A
-- due-date index would add about a third to the cost of importing invoices (see
-- docs/STORAGE.md) while helping only narrow due-date ranges.
CREATE INDEX invoices_by_customer ON invoices (creditor_id, customer_id);

CREATE TABLE credit_notes (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  external_id TEXT NOT NULL,
  number TEXT NOT NULL,
  issue_date TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  invoice_id BIGINT,
  unallocated_minor BIGINT NOT NULL,
  UNIQUE (creditor_id, id),
  UNIQUE (creditor_id, external_id),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id),
  FOREIGN KEY (creditor_id, invoice_id) REFERENCES invoices (creditor_id, id)
);
CREATE INDEX credit_notes_by_customer ON credit_notes (creditor_id, customer_id);

CREATE TABLE payments (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  external_id TEXT NOT NULL,
  value_date TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  reference TEXT NOT NULL,
  unallocated_minor BIGINT NOT NULL,
  UNIQUE (creditor_id, id),
  UNIQUE (creditor_id, external_id),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX payments_by_customer ON payments (creditor_id, customer_id);

CREATE TABLE allocations (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  source TEXT NOT NULL CHECK (source = 'payment' OR source = 'credit_note'),
  payment_id BIGINT,
  credit_note_id BIGINT,
  invoice_id BIGINT NOT NULL,
  currency TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  allocation_date TEXT NOT NULL,
  CHECK ((source = 'payment' AND payment_id IS NOT NULL AND credit_note_id IS NULL)
      OR (source = 'credit_note' AND credit_note_id IS NOT NULL AND payment_id IS NULL)),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id),
  FOREIGN KEY (creditor_id, invoice_id) REFERENCES invoices (creditor_id, id),
  FOREIGN KEY (creditor_id, payment_id) REFERENCES payments (creditor_id, id),
  FOREIGN KEY (creditor_id, credit_note_id) REFERENCES credit_notes (creditor_id, id)
);
CREATE INDEX allocations_by_customer ON allocations (creditor_id, customer_id);
CREATE INDEX allocations_by_invoice ON allocations (creditor_id, invoice_id);
CREATE INDEX allocations_by_payment ON allocations (creditor_id, payment_id);
CREATE INDEX allocations_by_credit_note ON allocations (creditor_id, credit_note_id);

CREATE TABLE api_keys (
  id {{ID}},
  creditor_id BIGINT NOT NULL REFERENCES creditors (id),
  prefix TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  revoked INTEGER NOT NULL CHECK (revoked = 0 OR revoked = 1),
  UNIQUE (creditor_id, id)
);

CREATE TABLE users (
  id {{ID}},
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL CHECK (disabled = 0 OR disabled = 1)
);

CREATE TABLE memberships (
  creditor_id BIGINT NOT NULL REFERENCES creditors (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL CHECK (role = 'admin' OR role = 'team_lead' OR role = 'collector' OR role = 'read_only'),
  PRIMARY KEY (creditor_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE web_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  expires_unix BIGINT NOT NULL
);
CREATE INDEX web_sessions_by_user ON web_sessions (user_id);
