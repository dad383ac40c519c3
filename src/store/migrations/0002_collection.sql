-- 0002: the collection engine: collection files and strategy versions, segment overrides
-- and assignments, holds, journeys, steps taken, runs, decisions, outbox, tasks and
-- escalations (docs/ENGINE.md, docs/STORAGE.md).
--
-- Choices, as in 0001:
-- * Tenant isolation: every row carries creditor_id and every reference is a composite
--   foreign key that includes it (customers, invoices, holds, runs, collection files).
-- * Dates are ISO text (YYYY-MM-DD), money is BIGINT minor units plus a currency code,
--   booleans INTEGER 0/1, times BIGINT unix seconds (UTC).
-- * The items of a hold are rows of hold_items, so that every item is a foreign key to an
--   invoice of the same creditor (holds are entered by people, through the API and CLI).
--   The item lists of decisions, outbox entries, tasks and escalations are compact text
--   ("12,15,19"): the engine writes them from the invoices it has just loaded, they are
--   read and written whole with their row, never queried by element, and one column
--   keeps the run's hot inserts one statement per row. Fallback channels likewise
--   ("sms,letter").
-- * Closed sets (hold kinds, decision kinds, channels, step states, run status, escalation
--   kinds) are checked with OR chains, not IN lists (see 0001). Open vocabularies are not
--   checked: task kinds (call, contact_data, limitation, ... as the engine grows),
--   outbox/task/escalation statuses (owned by the dispatcher and the workspace), and the
--   decision's step_kind, channel ("task" besides the channels, "" when none) and
--   policy_rule, which are names from the engine's collection-file vocabulary.
-- * Idempotency: outbox, tasks and escalations are unique on (creditor_id,
--   idempotency_key) and step_records on (creditor_id, invoice_id, strategy, version,
--   step_index); the run writes them with INSERT ... ON CONFLICT DO NOTHING, so a re-run
--   of a day adds nothing twice. Decisions are a log: always inserted.
-- * Indexes by (creditor_id, customer_id) on every table the run loads per batch of
--   customers (WHERE creditor_id = ? AND customer_id BETWEEN ? AND ?).

CREATE TABLE collection_files (
  id {{ID}},
  creditor_id BIGINT NOT NULL REFERENCES creditors (id),
  version BIGINT NOT NULL,
  content TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  note TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  UNIQUE (creditor_id, version)
);

CREATE TABLE strategy_versions (
  creditor_id BIGINT NOT NULL REFERENCES creditors (id),
  name TEXT NOT NULL,
  version BIGINT NOT NULL,
  collection_version BIGINT NOT NULL,
  segment TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  PRIMARY KEY (creditor_id, name, version),
  FOREIGN KEY (creditor_id, collection_version) REFERENCES collection_files (creditor_id, version)
);

CREATE TABLE segment_overrides (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  segment TEXT NOT NULL,
  reason TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  revoked INTEGER NOT NULL CHECK (revoked = 0 OR revoked = 1),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX segment_overrides_by_customer ON segment_overrides (creditor_id, customer_id);

CREATE TABLE segment_assignments (
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  segment TEXT NOT NULL,
  rule_index INTEGER NOT NULL,
  explanation TEXT NOT NULL,
  as_of TEXT NOT NULL,
  PRIMARY KEY (creditor_id, customer_id),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);

CREATE TABLE holds (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind = 'dispute' OR kind = 'payment_plan' OR kind = 'promise_to_pay' OR kind = 'insolvency'
                            OR kind = 'deceased' OR kind = 'manual'),
  starts_on TEXT NOT NULL,
  until_on TEXT,
  ended_on TEXT,
  end_kind TEXT CHECK (end_kind IS NULL OR end_kind = 'ended' OR end_kind = 'broken'),
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  UNIQUE (creditor_id, id),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX holds_by_customer ON holds (creditor_id, customer_id);

-- The items a hold is limited to, in the order given (none: the whole customer).
CREATE TABLE hold_items (
  creditor_id BIGINT NOT NULL,
  hold_id BIGINT NOT NULL,
  ordinal INTEGER NOT NULL,
  invoice_id BIGINT NOT NULL,
  PRIMARY KEY (creditor_id, hold_id, ordinal),
  FOREIGN KEY (creditor_id, hold_id) REFERENCES holds (creditor_id, id),
  FOREIGN KEY (creditor_id, invoice_id) REFERENCES invoices (creditor_id, id)
);

CREATE TABLE journeys (
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  strategy TEXT NOT NULL,
  version BIGINT NOT NULL,
  variant TEXT NOT NULL,
  holdout INTEGER NOT NULL CHECK (holdout = 0 OR holdout = 1),
  started_on TEXT NOT NULL,
  PRIMARY KEY (creditor_id, customer_id),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);

CREATE TABLE step_records (
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  invoice_id BIGINT NOT NULL,
  strategy TEXT NOT NULL,
  version BIGINT NOT NULL,
  step_index INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state = 'done' OR state = 'skipped'),
  on_date TEXT NOT NULL,
  decision_key TEXT NOT NULL,
  PRIMARY KEY (creditor_id, invoice_id, strategy, version, step_index),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id),
  FOREIGN KEY (creditor_id, invoice_id) REFERENCES invoices (creditor_id, id)
);
CREATE INDEX step_records_by_customer ON step_records (creditor_id, customer_id);

CREATE TABLE runs (
  id {{ID}},
  creditor_id BIGINT NOT NULL REFERENCES creditors (id),
  as_of TEXT NOT NULL,
  dry_run INTEGER NOT NULL CHECK (dry_run = 0 OR dry_run = 1),
  status TEXT NOT NULL CHECK (status = 'running' OR status = 'finished' OR status = 'failed'),
  started_unix BIGINT NOT NULL,
  finished_unix BIGINT NOT NULL,
  report TEXT NOT NULL,
  UNIQUE (creditor_id, id)
);

CREATE TABLE decisions (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  run_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  as_of TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind = 'send_message' OR kind = 'create_task' OR kind = 'post_fee' OR kind = 'post_interest'
                            OR kind = 'escalate' OR kind = 'defer' OR kind = 'skip'),
  segment TEXT NOT NULL,
  strategy TEXT NOT NULL,
  version BIGINT NOT NULL,
  variant TEXT NOT NULL,
  step_index INTEGER NOT NULL,
  step_kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  invoice_ids TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  deferred_until TEXT,
  policy_rule TEXT NOT NULL,
  reason TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  FOREIGN KEY (creditor_id, run_id) REFERENCES runs (creditor_id, id),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX decisions_by_run ON decisions (creditor_id, run_id, id);
CREATE INDEX decisions_by_customer ON decisions (creditor_id, customer_id, id);

CREATE TABLE outbox (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  idempotency_key TEXT NOT NULL,
  decision_key TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel = 'email' OR channel = 'sms' OR channel = 'letter' OR channel = 'call'
                               OR channel = 'webhook'),
  fallbacks TEXT NOT NULL,
  template TEXT NOT NULL,
  tone TEXT NOT NULL,
  language TEXT NOT NULL,
  invoice_ids TEXT NOT NULL,
  local_day TEXT NOT NULL,
  send_from_unix BIGINT NOT NULL,
  send_until_unix BIGINT NOT NULL,
  status TEXT NOT NULL,
  UNIQUE (creditor_id, idempotency_key),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX outbox_by_customer ON outbox (creditor_id, customer_id, local_day);

CREATE TABLE tasks (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  idempotency_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  due_on TEXT NOT NULL,
  invoice_ids TEXT NOT NULL,
  note TEXT NOT NULL,
  status TEXT NOT NULL,
  UNIQUE (creditor_id, idempotency_key),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX tasks_by_customer ON tasks (creditor_id, customer_id, due_on);

CREATE TABLE escalations (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  idempotency_key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind = 'handover' OR kind = 'court_dunning_prep'),
  invoice_ids TEXT NOT NULL,
  principal_minor BIGINT NOT NULL,
  fees_minor BIGINT NOT NULL,
  interest_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  status TEXT NOT NULL,
  UNIQUE (creditor_id, idempotency_key),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX escalations_by_customer ON escalations (creditor_id, customer_id);
