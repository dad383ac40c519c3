#pragma once
// Contacts of a customer are stored in one text column as a JSON array:
// [{"channel":"email","address":"a@example.de","consent":true,"invalid":false}, ...]
// in the customer's order. One column keeps a customer one row (fast imports, a simple
// "unchanged" check); contacts are never queried on their own.
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/types.hpp"

namespace kulanz::store {

std::string encode_contacts(const std::vector<domain::Contact>& contacts);
// Reads what encode_contacts wrote (any JSON whitespace and escapes accepted).
base::Result<std::vector<domain::Contact>> decode_contacts(std::string_view text);

// The customer's own choices (migration 0014): "" when there are none, else the line
// "language=<de|en|>;updated=<unix>;session=<ref>", a newline and the chosen channels as
// encode_contacts writes them.
std::string encode_preferences(const domain::ContactPreferences& p);
base::Result<domain::ContactPreferences> decode_preferences(std::string_view text);

}  // namespace kulanz::store
