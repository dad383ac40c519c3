#pragma once
// The DIN 5008 letter around a rendered message (docs/DOCUMENTS.md, "kulanz letter"):
// letterhead and footer from the creditor's profile, the recipient's address, the info
// block, the items table with fee and interest rows and the totals, and the payment box
// with the GiroCode. Pure: the caller has read the case and rendered the message.
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "documents/letter.hpp"
#include "domain/types.hpp"

namespace kulanz::services {

struct LetterLayout {
  std::string holder;  // the creditor's legal name (or name)
  domain::CreditorProfile profile;
  domain::Customer customer;
  calendar::Date as_of;
  std::string subject, body;  // the letter template's message; paragraphs separated by empty lines
  // The table's items, in order: invoices, fee and interest items of the customer.
  std::vector<domain::Invoice> items;
  std::string currency;
  std::string reference;  // the RF creditor reference, electronic form
};

// The salutation of the letter templates ("Guten Tag Anna Müller", "Sehr geehrte Damen und
// Herren" for businesses).
std::string letter_salutation(const domain::Customer& customer);

base::Result<documents::Letter> lay_out_letter(const LetterLayout& in);

}  // namespace kulanz::services
