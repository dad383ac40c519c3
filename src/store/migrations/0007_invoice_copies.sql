-- Copies of invoices as the creditor supplied them (PDF, checked by content): attached to
-- e-mails about the invoice and offered to the customer in the portal. One copy per
-- invoice; a new one replaces the old. The bytes are kept as base64 text, as the contact
-- documents are (one column type in both databases).
CREATE TABLE invoice_copies (
  creditor_id BIGINT NOT NULL,
  invoice_id BIGINT NOT NULL,
  file_name TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  added_unix BIGINT NOT NULL,
  PRIMARY KEY (creditor_id, invoice_id),
  FOREIGN KEY (creditor_id, invoice_id) REFERENCES invoices (creditor_id, id)
);
