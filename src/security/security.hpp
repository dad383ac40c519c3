#pragma once
// Cryptographic primitives kulanz needs, all from libsodium (used in this module only).
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace kulanz::security {

// Must be called once before any other function (idempotent, thread-safe).
base::Status init();

// URL-safe random token with `bytes` bytes of entropy (base64url without padding).
std::string random_token(std::size_t bytes = 32);
// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);
// HMAC-SHA256 of `message` with `key`, lower-case hex.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
// The first `bytes` bytes of HMAC-SHA256(key, message) as base64url without padding: a
// token anyone holding `key` can derive again and nobody else can guess.
std::string hmac_token(std::string_view key, std::string_view message, std::size_t bytes = 16);
// Constant-time comparison of two strings (false when lengths differ).
bool constant_time_equals(std::string_view a, std::string_view b);

// Standard base64 (RFC 4648 §4, with padding) of bytes, and back; decode fails on anything
// that is not exactly such a text.
std::string base64_encode(std::string_view bytes);
base::Result<std::string> base64_decode(std::string_view text);
// The URL-safe alphabet without padding (RFC 4648 §5), as JSON Web Tokens use it.
std::string base64url_encode(std::string_view bytes);
base::Result<std::string> base64url_decode(std::string_view text);

// argon2id password hash in the PHC string format ($argon2id$v=19$m=...,t=...,p=...).
// Interactive limits by default; `moderate` for stronger hashing.
base::Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view password, std::string_view stored_hash);

}  // namespace kulanz::security
