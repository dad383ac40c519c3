#include "security/security.hpp"

#include <sodium.h>

#include <vector>

namespace kulanz::security {

base::Status init() {
  if (sodium_init() < 0) return base::fail(base::ErrorCode::internal, "libsodium could not be initialised");
  return {};
}

std::string random_token(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

namespace {
std::string to_hex(const unsigned char* data, std::size_t len) {
  std::string out(len * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, len);
  out.pop_back();
  return out;
}
}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return to_hex(digest, sizeof digest);
}

namespace {
void hmac_sha256(std::string_view key, std::string_view message, unsigned char (&mac)[crypto_auth_hmacsha256_BYTES]) {
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&st, mac);
}
}  // namespace

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  hmac_sha256(key, message, mac);
  return to_hex(mac, sizeof mac);
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

base::Result<std::string> hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return base::fail(base::ErrorCode::internal, "out of memory while hashing the password");
  }
  return std::string(out);
}

bool verify_password(std::string_view password, std::string_view stored_hash) {
  std::string h(stored_hash);  // needs NUL termination
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string hmac_token(std::string_view key, std::string_view message, std::size_t bytes) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  hmac_sha256(key, message, mac);
  if (bytes > sizeof mac) bytes = sizeof mac;
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), mac, bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

namespace {
std::string encode64(std::string_view bytes, int variant) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}
}  // namespace

std::string base64_encode(std::string_view bytes) { return encode64(bytes, sodium_base64_VARIANT_ORIGINAL); }
std::string base64url_encode(std::string_view bytes) { return encode64(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING); }

namespace {
base::Result<std::string> decode64(std::string_view text, int variant, const char* what) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr, &len,
                        &end, variant) != 0 ||
      end != text.data() + text.size()) {
    return base::fail(base::ErrorCode::invalid_argument, what);
  }
  out.resize(len);
  return out;
}
}  // namespace

base::Result<std::string> base64_decode(std::string_view text) {
  return decode64(text, sodium_base64_VARIANT_ORIGINAL, "not a base64 text (RFC 4648, with padding)");
}

base::Result<std::string> base64url_decode(std::string_view text) {
  return decode64(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING, "not a base64url text (RFC 4648 section 5, no padding)");
}

}  // namespace kulanz::security
