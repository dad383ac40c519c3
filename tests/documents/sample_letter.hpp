#pragma once
// A German payment reminder with every part of a Letter filled in, for the PDF tests.
#include <string>

#include "documents/letter.hpp"

namespace kulanz::documents::test {

// The GiroCode payload the sample's payment box carries (an EPC payload with umlauts).
std::string sample_epc_payload();

// The invoice number of item row `i` (0-based): "RE-2026-0001", ...
std::string sample_invoice_number(int i);

// The sample letter with `item_rows` rows in its items table.
Letter sample_letter(int item_rows = 3);

}  // namespace kulanz::documents::test
