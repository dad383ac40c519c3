#include "services/portal_links.hpp"

#include "security/security.hpp"

namespace kulanz::services {
namespace {

constexpr std::size_t kTokenBytes = 16;  // 128 bits

base::Result<std::string> secret_of(ports::LedgerStore& store, const PortalLinkSettings& s, std::int64_t now_unix) {
  if (!s.secret.empty()) return s.secret;
  return store.instance_secret("portal_link", security::random_token(32), now_unix);
}

std::string derive(const std::string& secret, domain::CreditorId creditor, domain::CustomerId customer,
                   std::int64_t generation) {
  return security::hmac_token(secret,
                              "kulanz-portal-link|v1|" + std::to_string(creditor.value) + "|" +
                                  std::to_string(customer.value) + "|" + std::to_string(generation),
                              kTokenBytes);
}

std::string url_of(const PortalLinkSettings& s, const std::string& token) {
  std::string base = s.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/p/" + token;
}

base::Result<PortalLinkInfo> write(ports::LedgerStore& store, const PortalLinkSettings& s, domain::CreditorId creditor,
                                   domain::CustomerId customer, std::int64_t generation, std::int64_t now_unix) {
  KULANZ_TRY(secret, secret_of(store, s, now_unix));
  PortalLinkInfo info;
  info.generation = generation;
  info.token = derive(secret, creditor, customer, generation);
  info.url = url_of(s, info.token);
  ports::PortalLink link;
  link.creditor_id = creditor;
  link.customer_id = customer;
  link.generation = generation;
  link.token_sha256 = security::sha256_hex(info.token);
  link.created_unix = now_unix;
  KULANZ_TRY_STATUS(store.save_portal_link(link));
  return info;
}

}  // namespace

base::Result<PortalLinkInfo> portal_link(ports::LedgerStore& store, const PortalLinkSettings& settings,
                                         domain::CreditorId creditor, domain::CustomerId customer, std::int64_t now_unix) {
  KULANZ_TRY(current, store.portal_link(creditor, customer));
  if (!current) return write(store, settings, creditor, customer, 1, now_unix);
  KULANZ_TRY(secret, secret_of(store, settings, now_unix));
  PortalLinkInfo info;
  info.generation = current->generation;
  info.token = derive(secret, creditor, customer, current->generation);
  if (security::sha256_hex(info.token) != current->token_sha256) {
    return base::fail(base::ErrorCode::conflict,
                      "the portal secret differs from the one this customer's link was made with (was [portal] secret "
                      "changed?); revoke the link to issue a new one with the current secret");
  }
  info.url = url_of(settings, info.token);
  return info;
}

base::Result<PortalLinkInfo> revoke_portal_link(ports::LedgerStore& store, const PortalLinkSettings& settings,
                                                domain::CreditorId creditor, domain::CustomerId customer,
                                                std::int64_t now_unix) {
  // The new generation and the end of every session the old link opened, together.
  KULANZ_TRY_STATUS(store.begin());
  auto revoked = [&]() -> base::Result<PortalLinkInfo> {
    KULANZ_TRY(current, store.portal_link(creditor, customer));
    KULANZ_TRY(info, write(store, settings, creditor, customer, current ? current->generation + 1 : 1, now_unix));
    KULANZ_TRY(ended, store.portal().end_customer_portal_sessions(creditor, customer));
    (void)ended;
    return info;
  }();
  if (!revoked) {
    (void)store.rollback();
    return revoked;
  }
  KULANZ_TRY_STATUS(store.commit());
  return revoked;
}

base::Result<std::optional<ports::PortalLink>> resolve_portal_token(ports::LedgerStore& store, std::string_view token) {
  // A token is 22 base64url characters; anything else cannot be one.
  if (token.size() != 22 || token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") !=
                                std::string_view::npos) {
    return std::optional<ports::PortalLink>();
  }
  return store.portal_link_by_token_hash(security::sha256_hex(token));
}

}  // namespace kulanz::services
