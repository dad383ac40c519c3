#pragma once
// API keys: "kz_<prefix>_<secret>". The prefix (8 hex digits) tells keys apart in lists
// and logs; the full key is shown once at creation and stored only as its SHA-256.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "domain/ids.hpp"

namespace kulanz::ports { class LedgerStore; }

namespace kulanz::http {

inline constexpr std::size_t kApiKeyPrefixLength = 8;

struct ApiKeyParts {
  std::string_view prefix;
  std::string_view secret;
};

// Splits a presented key; nullopt when it does not have the kz_<prefix>_<secret> shape.
std::optional<ApiKeyParts> parse_api_key(std::string_view key);

// Creates and stores a new key for `creditor`; returns the full key (the only time it exists in clear).
base::Result<std::string> create_api_key(ports::LedgerStore& store, domain::CreditorId creditor, std::string label,
                                         std::int64_t now_unix);

}  // namespace kulanz::http
