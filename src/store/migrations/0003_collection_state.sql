-- 0003: one row of collection state per customer (docs/ARCHITECTURE.md, decision 22).
--
-- The segment assignment, the running journey and the steps taken for the customer's
-- items were three tables with a row per customer, per customer and per item and step;
-- a first run over a large portfolio wrote about seven such rows per customer. They
-- become one row per customer, which a run reads with the customer's batch and rewrites
-- (one statement) only when something changed.
--
-- * segment .. assigned_on: the current assignment (all NULL until the first run).
-- * journey_*: the running journey (all NULL when none).
-- * steps: the steps taken, "INVOICE_ID:STRATEGY@VERSION:STEP_INDEX:d|s:YYYY-MM-DD;" per
--   record (d taken, s passed over). The store keeps each (item, strategy, version, step)
--   once. Strategy names are names (letters, digits, '_', '-', '.'; "$limitation" for the
--   limitation flag), so ':', '@' and ';' never occur inside a field. As with the item
--   lists of the outbox, the invoice ids are written by the engine from invoices it has
--   just loaded and are not foreign keys; the customer is.
-- * On SQLite the rows live in the key's B-tree (WITHOUT ROWID): one insert, no second index.

CREATE TABLE collection_state (
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  segment TEXT,
  rule_index INTEGER,
  explanation TEXT,
  assigned_on TEXT,
  journey_strategy TEXT,
  journey_version BIGINT,
  journey_variant TEXT,
  journey_holdout INTEGER CHECK (journey_holdout IS NULL OR journey_holdout = 0 OR journey_holdout = 1),
  journey_started_on TEXT,
  steps TEXT NOT NULL,
  PRIMARY KEY (creditor_id, customer_id),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id),
  CHECK ((segment IS NULL) = (assigned_on IS NULL)),
  CHECK ((journey_strategy IS NULL) = (journey_started_on IS NULL))
){{WITHOUT_ROWID}};

INSERT INTO collection_state (creditor_id, customer_id, segment, rule_index, explanation, assigned_on, journey_strategy,
                              journey_version, journey_variant, journey_holdout, journey_started_on, steps)
  SELECT k.creditor_id, k.customer_id, a.segment, a.rule_index, a.explanation, a.as_of, j.strategy, j.version, j.variant,
         j.holdout, j.started_on, coalesce(s.records, '')
  FROM (SELECT creditor_id, customer_id FROM segment_assignments
        UNION SELECT creditor_id, customer_id FROM journeys
        UNION SELECT creditor_id, customer_id FROM step_records) k
  LEFT JOIN segment_assignments a ON a.creditor_id = k.creditor_id AND a.customer_id = k.customer_id
  LEFT JOIN journeys j ON j.creditor_id = k.creditor_id AND j.customer_id = k.customer_id
  LEFT JOIN (SELECT creditor_id, customer_id,
                    {{CONCAT_AGG}}(CAST(invoice_id AS TEXT) || ':' || strategy || '@' || CAST(version AS TEXT) || ':' ||
                                   CAST(step_index AS TEXT) || ':' || (CASE WHEN state = 'done' THEN 'd' ELSE 's' END) ||
                                   ':' || on_date || ';', '') AS records
             FROM step_records GROUP BY creditor_id, customer_id) s
    ON s.creditor_id = k.creditor_id AND s.customer_id = k.customer_id;

DROP TABLE step_records;
DROP TABLE journeys;
DROP TABLE segment_assignments;
