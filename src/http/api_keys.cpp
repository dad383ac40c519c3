#include "http/api_keys.hpp"

#include "ports/ledger_store.hpp"
#include "security/security.hpp"

namespace kulanz::http {
namespace {

bool is_lower_hex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool is_token_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}

}  // namespace

std::optional<ApiKeyParts> parse_api_key(std::string_view key) {
  constexpr std::string_view kScheme = "kz_";
  if (key.size() < kScheme.size() + kApiKeyPrefixLength + 2 || key.substr(0, kScheme.size()) != kScheme) return std::nullopt;
  std::string_view rest = key.substr(kScheme.size());
  std::string_view prefix = rest.substr(0, kApiKeyPrefixLength);
  if (!is_lower_hex(prefix) || rest[kApiKeyPrefixLength] != '_') return std::nullopt;
  std::string_view secret = rest.substr(kApiKeyPrefixLength + 1);
  if (secret.empty() || secret.size() > 256) return std::nullopt;
  for (char c : secret) {
    if (!is_token_char(c)) return std::nullopt;
  }
  return ApiKeyParts{prefix, secret};
}

base::Result<std::string> create_api_key(ports::LedgerStore& store, domain::CreditorId creditor, std::string label,
                                         std::int64_t now_unix) {
  if (!creditor.valid()) return base::fail(base::ErrorCode::creditor_unknown, "an API key needs an existing creditor", "creditor");
  KULANZ_TRY_STATUS(security::init());
  // The prefix is not secret; it only has to be readable and differ between keys.
  std::string prefix = security::sha256_hex(security::random_token(16)).substr(0, kApiKeyPrefixLength);
  std::string key = "kz_" + prefix + "_" + security::random_token(32);
  ports::ApiKeyRecord record;
  record.creditor_id = creditor;
  record.prefix = prefix;
  record.secret_hash = security::sha256_hex(key);
  record.label = std::move(label);
  record.created_unix = now_unix;
  auto stored = store.create_api_key(record);
  if (!stored) return base::fail(std::move(stored).error());
  return key;
}

}  // namespace kulanz::http
