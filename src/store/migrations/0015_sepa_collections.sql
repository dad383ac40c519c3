-- 0015: direct debits handed to the bank in pain.008 files (docs/PAYMENTS.md,
-- docs/STORAGE.md): per debit the mandate, the items it pays, the amount, the collection
-- day, the sequence type (OOFF, FRST, RCUR), the message and end-to-end ids, and when it
-- was exported. sepa_collection_items holds each collected item once per creditor, so that
-- no export can collect an item twice, whatever runs at the same time.
CREATE UNIQUE INDEX sepa_mandates_by_creditor_id ON sepa_mandates (creditor_id, id);

CREATE TABLE sepa_collections (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  mandate_id BIGINT NOT NULL,
  sequence_type TEXT NOT NULL CHECK (sequence_type IN ('OOFF', 'FRST', 'RCUR')),
  invoice_ids TEXT NOT NULL,
  amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL,
  collection_on TEXT NOT NULL,
  message_id TEXT NOT NULL,
  end_to_end_id TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  UNIQUE (creditor_id, id),
  UNIQUE (creditor_id, end_to_end_id),
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id),
  FOREIGN KEY (creditor_id, mandate_id) REFERENCES sepa_mandates (creditor_id, id)
);
CREATE INDEX sepa_collections_by_mandate ON sepa_collections (creditor_id, mandate_id, id);

CREATE TABLE sepa_collection_items (
  creditor_id BIGINT NOT NULL,
  invoice_id BIGINT NOT NULL,
  collection_id BIGINT NOT NULL,
  PRIMARY KEY (creditor_id, invoice_id),
  FOREIGN KEY (creditor_id, collection_id) REFERENCES sepa_collections (creditor_id, id),
  FOREIGN KEY (creditor_id, invoice_id) REFERENCES invoices (creditor_id, id)
);
