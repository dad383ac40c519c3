-- 0014: what a customer chose in the portal about being contacted (docs/PORTAL.md,
-- docs/STORAGE.md): the language and, per channel, the address and the consent. Kept on
-- the customer's row so that every later write of the customer (an import, the API)
-- applies them again over what the creditor's system sends; empty when the customer chose
-- nothing. Format (store/contacts_text.hpp): a header line
-- "language=<de|en|>;updated=<unix>;session=<portal:...>" and the chosen channels as the
-- contacts' JSON array.
ALTER TABLE customers ADD COLUMN preferences TEXT NOT NULL DEFAULT '';
