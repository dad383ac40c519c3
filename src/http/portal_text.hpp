#pragma once
// The portal's words in German and English (docs/PORTAL.md): one catalog of keys, each with
// both languages, handed to the templates as `t`, and formatting of amounts and dates in
// the page's language. The catalog is checked by the tests: every key in both languages,
// every `{{t.key}}` of a template present.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "calendar/date.hpp"
#include "domain/types.hpp"

namespace kulanz::http {

struct PortalString {
  std::string_view key, de, en;
};

// Every entry of the catalog, in a fixed order.
const std::vector<PortalString>& portal_strings();
// The text of `key` in `language` ("" for an unknown key, which the tests rule out).
std::string_view portal_text(std::string_view key, domain::Language language);
// The template object `t`: every key -> its text in `language` (built once per language).
const kainjow::mustache::data& portal_text_data(domain::Language language);

// portal_text with "{1}", "{2}", ... replaced by `args` in order.
std::string portal_format(std::string_view key, domain::Language language, const std::vector<std::string>& args);

// 1234.56 EUR: de "1.234,56 €", en "€1,234.56" (no-break spaces kept as ICU writes them
// would wrap badly; the plain space of comms::format_money is replaced by U+00A0).
std::string portal_money(std::int64_t minor, std::string_view currency, domain::Language language);
// de "23.11.2026", en "23 Nov 2026" (unambiguous to every English reader).
std::string portal_date(calendar::Date date, domain::Language language);
// de "Montag, 30.11.2026", en "Monday, 30 Nov 2026".
std::string portal_weekday_date(calendar::Date date, domain::Language language);

}  // namespace kulanz::http
