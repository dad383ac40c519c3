-- 0012: documents a customer attached in the portal (a dispute's receipts, photos, ...),
-- checked by their content (PDF, JPEG, PNG) before they are kept, stored in the database
-- (never in a served folder) as base64 text like the contact documents, and tied to the
-- interaction that brought them (docs/PORTAL.md, docs/STORAGE.md).
CREATE TABLE portal_documents (
  id {{ID}},
  creditor_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  interaction_id BIGINT NOT NULL REFERENCES portal_interactions (id),
  name TEXT NOT NULL,
  content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  created_unix BIGINT NOT NULL,
  FOREIGN KEY (creditor_id, customer_id) REFERENCES customers (creditor_id, id)
);
CREATE INDEX portal_documents_by_interaction ON portal_documents (creditor_id, interaction_id);
