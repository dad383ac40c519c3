// kulanz_bench_gen: writes a seeded receivables portfolio as CSV the way German ERPs
// export it (';' delimiter, decimal comma with thousands dots, DD.MM.YYYY dates, UTF-8
// with umlauts, CRLF). The same seed and sizes always give the same files.
//
//   kulanz_bench_gen --out DIR [--invoices N] [--customers M] [--seed S]
//
// Writes DIR/customers.csv and DIR/invoices.csv; M defaults to N / 10 (at least 1).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "calendar/date.hpp"

namespace {

// splitmix64: tiny, fast and identical on every platform (std distributions are not).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }

 private:
  std::uint64_t state_;
};

constexpr const char* kFirst[] = {"Jörg", "Jürgen", "Anna", "Özlem", "Björn", "Käthe", "Lena", "Maximilian", "Sören", "Zoë"};
constexpr const char* kLast[] = {"Müller", "Schmidt", "Schröder", "Weiß", "Köhler", "Groß", "Bäcker", "Fuchs", "Öztürk", "Hoffmann"};
constexpr const char* kCompany[] = {"Bäckerei", "Gärtnerei", "Elektro", "Möbelhaus", "Schlüsseldienst", "Apotheke"};
constexpr const char* kCities[] = {"München", "Köln", "Düsseldorf", "Nürnberg", "Lübeck", "Göttingen", "Würzburg", "Berlin"};
constexpr const char* kStates[] = {"BY", "NW", "NW", "BY", "SH", "NI", "BY", "BE"};
constexpr const char* kStreets[] = {"Hauptstraße", "Schloßallee", "Gartenweg", "Bahnhofstraße", "Mühlenstraße", "Kölner Straße"};

template <std::size_t N>
const char* pick(Random& r, const char* const (&list)[N]) {
  return list[r.below(N)];
}

// 123456 minor units -> "1.234,56"
std::string german_amount(std::int64_t minor) {
  std::string whole = std::to_string(minor / 100);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped.push_back('.');
    grouped.push_back(whole[i]);
  }
  char frac[4];
  std::snprintf(frac, sizeof frac, "%02d", static_cast<int>(minor % 100));
  return grouped + "," + frac;
}

int usage() {
  std::fprintf(stderr, "usage: kulanz_bench_gen --out DIR [--invoices N] [--customers M] [--seed S]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out;
  long long invoices = 1000000;
  long long customers = -1;
  unsigned long long seed = 42;
  for (int i = 1; i < argc; ++i) {
    auto arg = [&](const char* name) { return std::strcmp(argv[i], name) == 0 && i + 1 < argc; };
    if (arg("--out")) out = argv[++i];
    else if (arg("--invoices")) invoices = std::atoll(argv[++i]);
    else if (arg("--customers")) customers = std::atoll(argv[++i]);
    else if (arg("--seed")) seed = std::strtoull(argv[++i], nullptr, 10);
    else return usage();
  }
  if (out.empty() || invoices < 0) return usage();
  if (customers < 0) customers = invoices / 10 > 0 ? invoices / 10 : 1;
  Random rng(seed);

  std::FILE* c = std::fopen((out + "/customers.csv").c_str(), "wb");
  std::FILE* f = std::fopen((out + "/invoices.csv").c_str(), "wb");
  if (!c || !f) {
    std::fprintf(stderr, "kulanz_bench_gen: cannot write into %s\n", out.c_str());
    return 1;
  }
  std::fputs("Kundennummer;Name/Firma;Typ;E-Mail;Telefon;PLZ;Ort;Straße;Bundesland\r\n", c);
  for (long long k = 1; k <= customers; ++k) {
    const bool business = rng.below(4) == 0;
    std::string name = business ? std::string(pick(rng, kCompany)) + " " + pick(rng, kLast) + " GmbH"
                                : std::string(pick(rng, kFirst)) + " " + pick(rng, kLast);
    const auto city = rng.below(std::size(kCities));
    using ull = unsigned long long;
    const auto area = static_cast<ull>(100 + rng.below(900));
    const auto number = static_cast<ull>(rng.below(1000000));
    const auto postal = static_cast<ull>(10000 + rng.below(89999));
    const char* street = pick(rng, kStreets);
    const auto house = static_cast<ull>(1 + rng.below(120));
    std::fprintf(c, "K%07lld;%s;%s;kunde%lld@example.de;0%03llu %06llu;%05llu;%s;%s %llu;%s\r\n", k, name.c_str(),
                 business ? "Firma" : "privat", k, area, number, postal, kCities[city], street, house, kStates[city]);
  }
  std::fputs("Rechnungsnummer;Kundennummer;Rechnungsdatum;Fälligkeit;Bruttobetrag;Währung;Skonto %;Skontotage\r\n", f);
  const auto first_day = kulanz::calendar::Date::from_ymd(2024, 1, 1)->days_since_epoch();
  for (long long n = 1; n <= invoices; ++n) {
    const auto issue = kulanz::calendar::Date::from_days(first_day + static_cast<std::int32_t>(rng.below(730)));
    const auto due = issue.add_days(static_cast<std::int32_t>(14 + 7 * rng.below(5)));
    // Mostly small amounts, a long tail of large ones.
    const std::int64_t minor = rng.below(10) == 0 ? 100000 + static_cast<std::int64_t>(rng.below(5000000))
                                                  : 500 + static_cast<std::int64_t>(rng.below(50000));
    const bool skonto = rng.below(5) == 0;
    std::fprintf(f, "RE-%08lld;K%07lld;%s;%s;%s;EUR;%s;%s\r\n", n, 1 + static_cast<long long>(rng.below(static_cast<std::uint64_t>(customers))),
                 issue.german().c_str(), due.german().c_str(), german_amount(minor).c_str(), skonto ? "2" : "",
                 skonto ? "10" : "");
  }
  const bool ok = std::fclose(c) == 0 && std::fclose(f) == 0;
  if (!ok) {
    std::fprintf(stderr, "kulanz_bench_gen: writing failed\n");
    return 1;
  }
  std::printf("wrote %lld customers and %lld invoices to %s (seed %llu)\n", customers, invoices, out.c_str(), seed);
  return 0;
}
