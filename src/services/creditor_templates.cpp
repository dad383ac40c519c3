#include "services/creditor_templates.hpp"

#include <vector>

namespace kulanz::services {
namespace {

base::Result<comms::TemplateSet> overlay(const std::vector<std::pair<std::string, std::string>>& own) {
  KULANZ_TRY(shipped, comms::TemplateSet::shipped());
  std::vector<comms::TemplateFile> files;
  files.reserve(own.size());
  for (const auto& [path, text] : own) files.push_back({path, text});
  return shipped.overlay(files);
}

}  // namespace

base::Result<comms::TemplateSet> creditor_template_set(ports::LedgerStore& store, domain::CreditorId creditor) {
  KULANZ_TRY(own, store.creditor_templates(creditor));
  return overlay(own);
}

base::Status change_creditor_templates(ports::LedgerStore& store, domain::CreditorId creditor,
                                       const std::map<std::string, std::optional<std::string>>& changes,
                                       std::int64_t now_unix) {
  KULANZ_TRY(own, store.creditor_templates(creditor));
  std::map<std::string, std::string> merged(own.begin(), own.end());
  for (const auto& [path, text] : changes) {
    if (text) merged[path] = *text;
    else merged.erase(path);
  }
  std::vector<std::pair<std::string, std::string>> files(merged.begin(), merged.end());
  KULANZ_TRY(checked, overlay(files));
  (void)checked;
  return store.replace_creditor_templates(creditor, files, now_unix);
}

}  // namespace kulanz::services
