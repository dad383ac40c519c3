-- 0002: the collection engine — collection files and strategy versions, segment overrides
-- and assignments, holds, journeys, steps taken, runs, decisions, outbox, tasks and
-- escalations (docs/ENGINE.md, docs/STORAGE.md).
-- Lists of invoice ids are compact text ("12,15,19"): they are read and written whole with
-- their row and never queried by element. Idempotency keys are unique per creditor; a
-- second insert of the same key is ignored (INSERT ... ON CONFLICT DO NOTHING), which is
-- what makes a re-run of a day add nothing twice.

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
  invoice_ids TEXT NOT NULL,
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
