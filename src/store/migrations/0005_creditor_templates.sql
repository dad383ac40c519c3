-- 0005: a creditor's own message texts (docs/TEMPLATES.md): each row replaces one part of
-- the shipped templates (path as in data/templates/, e.g. de/firm/first_reminder.email.subject.mustache);
-- an empty text removes that part so the message falls back along the chain. Checked as
-- a whole set before it is saved.
CREATE TABLE creditor_templates (
  creditor_id BIGINT NOT NULL REFERENCES creditors (id),
  path TEXT NOT NULL,
  text TEXT NOT NULL,
  updated_unix BIGINT NOT NULL,
  PRIMARY KEY (creditor_id, path)
);
