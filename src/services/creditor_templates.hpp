#pragma once
// A creditor's message texts: the shipped templates with the creditor's own parts laid over
// them (docs/TEMPLATES.md). Changes are checked as a whole set before anything is saved.
#include <map>
#include <optional>
#include <string>

#include "base/result.hpp"
#include "comms/templates.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::services {

// The set in effect for the creditor.
base::Result<comms::TemplateSet> creditor_template_set(ports::LedgerStore& store, domain::CreditorId creditor);

// Applies changes to the creditor's own parts: path -> new text (an empty text removes the
// part so the message falls back along the chain), or nullopt to drop the creditor's part
// and use the shipped one again. Nothing is saved unless the resulting set is valid;
// template_invalid lists every problem as FILE:LINE: message.
base::Status change_creditor_templates(ports::LedgerStore& store, domain::CreditorId creditor,
                                       const std::map<std::string, std::optional<std::string>>& changes,
                                       std::int64_t now_unix);

}  // namespace kulanz::services
