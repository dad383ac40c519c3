// The seeded demo portfolio. Every customer draws from its own random stream (derived from
// the seed, the creditor and the customer's position), so the data of one customer does
// not depend on how much randomness the others used.
#include "services/demo_portfolio.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "money/money.hpp"
#include "services/allocation_service.hpp"
#include "services/demo_names.hpp"

namespace kulanz::services {
namespace {

using calendar::Date;
using domain::Channel;
using domain::CustomerType;
using money::Money;
namespace names = demo_names;

// SplitMix64: small, fast, and the same sequence on every platform (unlike the
// distributions of <random>, whose results are implementation-defined).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi] (hi >= lo); the modulo bias is irrelevant for demo data.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool per_mille(int p) { return between(0, 999) < p; }
  template <class Array>
  auto pick(const Array& a) -> decltype(a[0]) {
    return a[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(a.size()) - 1))];
  }

 private:
  std::uint64_t state_;
};

std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t creditor, std::uint64_t index) {
  Rng r(seed ^ (creditor * 0xD1B54A32D192ED03ULL) ^ (index * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL));
  return r.next();
}

// How a customer pays: per-mille chances for an item that is past its due date.
enum class PayerKind { punctual, late, struggling, defaulter };
struct PayerProfile {
  int on_time, late, partial;  // the rest stays unpaid
  int max_late_days;
  int risk_lo, risk_hi;
};
PayerProfile profile_of(PayerKind k) {
  switch (k) {
    case PayerKind::punctual: return {900, 85, 8, 20, 3, 30};
    case PayerKind::late: return {300, 560, 50, 75, 25, 55};
    case PayerKind::struggling: return {150, 380, 200, 120, 50, 80};
    case PayerKind::defaulter: return {40, 120, 160, 150, 70, 98};
  }
  return {900, 85, 8, 20, 3, 30};
}

PayerKind draw_payer(Rng& r) {
  const auto p = r.between(0, 999);
  if (p < 560) return PayerKind::punctual;
  if (p < 820) return PayerKind::late;
  if (p < 955) return PayerKind::struggling;
  return PayerKind::defaulter;
}

// ASCII form of a name for email addresses: umlauts transliterated, other letters folded.
std::string mail_local(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kMap[] = {
      {"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"Ä", "ae"}, {"Ö", "oe"}, {"Ü", "ue"}, {"ß", "ss"},
      {"é", "e"},  {"ë", "e"},  {"ş", "s"},  {"ı", "i"},  {"Ş", "s"},  {"İ", "i"}};
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    bool mapped = false;
    for (const auto& [from, to] : kMap) {
      if (name.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        mapped = true;
        break;
      }
    }
    if (mapped) continue;
    const char c = name[i++];
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
    else if ((c == ' ' || c == '-' || c == '.') && !out.empty() && out.back() != '.') out.push_back('.');
  }
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

// Email domain of a business: its name without legal form, words joined by '-'.
std::string business_domain(std::string_view name) {
  const std::string dotted = mail_local(name);
  std::string out;
  std::size_t start = 0;
  while (start <= dotted.size()) {
    const std::size_t end = std::min(dotted.find('.', start), dotted.size());
    const std::string_view word = std::string_view(dotted).substr(start, end - start);
    const bool legal = std::find(names::kLegalFormWords.begin(), names::kLegalFormWords.end(), word) !=
                       names::kLegalFormWords.end();
    if (!word.empty() && !legal) out += (out.empty() ? "" : "-") + std::string(word);
    start = end + 1;
  }
  return out.empty() ? "firma" : out;
}

std::string replace_all(std::string s, char marker, std::string_view with) {
  for (auto pos = s.find(marker); pos != std::string::npos; pos = s.find(marker, pos + with.size())) {
    s.replace(pos, 1, with);
  }
  return s;
}

std::string five_digits(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%05d", v % 100000);
  return buf;
}

// Net amount in cents in [lo_eur, hi_eur] euros, then 19 % VAT, rounded half up.
std::int64_t gross_cents(Rng& r, std::int64_t lo_eur, std::int64_t hi_eur) {
  const std::int64_t net = r.between(lo_eur * 100, hi_eur * 100);
  return money::mul_div(net, 119, 100, money::Rounding::half_up).value();  // cannot overflow at these sizes
}

struct CreditorSpec {
  std::string code;
  std::string name;
  std::string prefix;          // of customer numbers, invoice numbers, payment ids
  int business_per_mille;      // share of business customers
  int home_state_per_mille;    // share living in the home state
  std::string_view home_state;
};

// Generates one creditor's customers with their invoices, credit notes and payments.
class CreditorGenerator {
 public:
  CreditorGenerator(const CreditorSpec& spec, std::uint64_t creditor_no, const DemoOptions& o)
      : spec_(spec), creditor_no_(creditor_no), options_(o), today_(o.today) {}

  DemoCustomer customer(int index) {
    Rng r(stream_seed(options_.seed, creditor_no_, static_cast<std::uint64_t>(index)));
    DemoCustomer dc;
    domain::Customer& c = dc.customer;
    c.external_id = spec_.prefix + "-K-" + std::to_string(100000 + index);
    c.type = r.per_mille(spec_.business_per_mille) ? CustomerType::business : CustomerType::consumer;
    const bool business = c.type == CustomerType::business;
    fill_person_and_address(r, c, business);
    const PayerKind payer = draw_payer(r);
    const PayerProfile profile = profile_of(payer);
    c.risk_score = static_cast<int>(r.between(profile.risk_lo, profile.risk_hi));
    if (business) {
      c.key_account = r.per_mille(spec_.code == "grosshandel" ? 80 : 30);
      c.also_supplier = r.per_mille(spec_.code == "grosshandel" ? 120 : 50);
    } else {
      // One draw per statement: the order in which function arguments are evaluated is unspecified.
      const int year = static_cast<int>(r.between(1938, 2006));
      const int month = static_cast<int>(r.between(1, 12));
      const int day = static_cast<int>(r.between(1, 28));
      c.birth_date = Date::from_ymd(year, month, day).value();
    }
    fill_contacts(r, c, business);
    add_invoices(r, dc, profile, business);
    std::int64_t revenue = r.between(0, business ? 2'000'000 : 150'000);
    Date first = today_;
    for (const auto& inv : dc.invoices) {
      revenue += inv.amount.minor();
      first = std::min(first, inv.issue_date);
    }
    c.lifetime_revenue_minor = revenue;
    c.customer_since = first.add_days(-static_cast<std::int32_t>(r.between(0, 2500)));
    return dc;
  }

 private:
  void fill_person_and_address(Rng& r, domain::Customer& c, bool business) {
    const bool abroad = r.per_mille(25);
    const bool english = abroad ? !r.per_mille(200) : r.per_mille(60);
    c.language = english ? domain::Language::en : domain::Language::de;
    const std::string first(english ? r.pick(names::kEnglishFirstNames) : r.pick(names::kFirstNames));
    const std::string last(english ? r.pick(names::kEnglishLastNames) : r.pick(names::kLastNames));
    std::string city;
    if (abroad) {
      const auto& f = r.pick(names::kForeignPlaces);
      c.country = std::string(f.country);
      c.time_zone = std::string(f.time_zone);
      c.postal_code = std::string(f.postal_code);
      city = std::string(f.city);
      c.street = std::string(f.street);
      c.state.clear();
    } else {
      const names::Place* place = &r.pick(names::kPlaces);
      if (r.per_mille(spec_.home_state_per_mille)) {
        while (place->state != spec_.home_state) place = &r.pick(names::kPlaces);
      }
      c.country = "DE";
      c.time_zone = "Europe/Berlin";
      c.state = std::string(place->state);
      c.postal_code = five_digits(place->postal_code + static_cast<int>(r.between(0, 60)));
      city = std::string(place->city);
      c.street = std::string(r.pick(names::kStreets));
    }
    c.city = city;
    c.street += " " + std::to_string(r.between(1, 180));
    if (r.per_mille(80)) c.street.push_back(static_cast<char>('a' + r.between(0, 3)));
    if (business) {
      c.name = replace_all(replace_all(std::string(r.pick(names::kBusinessPatterns)), '#', last), '@', city);
    } else {
      c.name = first + " " + last;
    }
    person_first_ = first;
    person_last_ = last;
  }

  void fill_contacts(Rng& r, domain::Customer& c, bool business) {
    if (r.per_mille(business ? 920 : 760)) {
      domain::Contact email;
      email.channel = Channel::email;
      const std::string domain(r.pick(names::kMailDomains));
      email.address = business ? (r.per_mille(500) ? "buchhaltung@" : "info@") + business_domain(c.name) + ".example"
                               : mail_local(person_first_) + "." + mail_local(person_last_) +
                                     (r.per_mille(400) ? std::to_string(r.between(1, 99)) : std::string()) + "@" + domain;
      email.consent = r.per_mille(850);
      email.invalid = r.per_mille(20);
      c.contacts.push_back(email);
    }
    const bool has_mobile = r.per_mille(business ? 350 : 550);
    std::string mobile = "+4915" + std::to_string(r.between(1, 9));
    mobile += std::to_string(r.between(1000000, 9999999));
    if (has_mobile) {
      domain::Contact sms{Channel::sms, mobile, r.per_mille(600), false};
      c.contacts.push_back(sms);
    }
    if (r.per_mille(business ? 700 : 400)) {
      std::string landline = "+49" + std::to_string(r.between(30, 991));
      landline += std::to_string(r.between(100000, 9999999));
      domain::Contact phone{Channel::phone, has_mobile && r.per_mille(500) ? mobile : landline, r.per_mille(550), false};
      c.contacts.push_back(phone);
    }
    c.contacts.push_back(domain::Contact{Channel::letter, "", true, false});
  }

  Money eur(std::int64_t minor) const { return Money(minor, money::Currency::eur()); }

  std::int64_t draw_amount(Rng& r, bool business, bool key_account) {
    if (spec_.code == "stadtwerke") {
      if (business) return gross_cents(r, 250, key_account ? 18000 : 4500);
      return r.per_mille(150) ? gross_cents(r, 150, 1100) : gross_cents(r, 35, 160);  // settlement or instalment
    }
    if (!business) return gross_cents(r, 25, 400);
    const auto p = r.between(0, 999);
    std::int64_t amount = p < 600 ? gross_cents(r, 120, 1500) : p < 900 ? gross_cents(r, 1500, 5000) : gross_cents(r, 5000, 22000);
    return key_account ? amount * 2 : amount;
  }

  int invoice_count(Rng& r, bool business, bool key_account) {
    if (key_account) return static_cast<int>(r.between(5, 9));
    if (spec_.code == "stadtwerke") return static_cast<int>(r.between(1, business ? 6 : 5));
    return static_cast<int>(r.between(1, business ? 6 : 3));
  }

  std::string invoice_number(Date issue) {
    const std::string year = std::to_string(issue.year());
    ++invoice_seq_;
    if (spec_.code == "stadtwerke") {
      char buf[32];
      std::snprintf(buf, sizeof buf, "SW-%s-%06d", year.c_str(), invoice_seq_);
      return buf;
    }
    return "GH" + year.substr(2) + "-" + five_digits(invoice_seq_);
  }

  std::string reference_for(Rng& r, const domain::Customer& c, const std::string& number) {
    switch (r.between(0, 5)) {
      case 0: return "Rechnung " + number;
      case 1: return number;
      case 2: return "RE " + number + " Kd-Nr. " + c.external_id;
      case 3: return "Rg.-Nr. " + number + " vielen Dank";
      case 4: return "SVWZ+" + number;
      default: return "Zahlung " + number + " " + c.name;
    }
  }

  void add_payment(Rng& r, DemoCustomer& dc, const std::string& number, Date value_date, std::int64_t minor,
                   bool with_reference = true) {
    domain::Payment p;
    p.external_id = spec_.prefix + "-Z-" + std::to_string(++payment_seq_);
    p.value_date = std::min(value_date, today_);
    p.amount = eur(minor);
    p.unallocated = p.amount;
    p.reference = with_reference ? reference_for(r, dc.customer, number) : "Überweisung " + dc.customer.name;
    dc.payments.push_back(std::move(p));
  }

  void add_credit_note(DemoCustomer& dc, std::optional<std::size_t> invoice, Date issue, std::int64_t minor,
                       const char* kind) {
    domain::CreditNote n;
    n.number = std::string(kind) + "-" + spec_.prefix + "-" + std::to_string(++credit_seq_);
    n.external_id = n.number;
    n.issue_date = std::min(issue, today_);
    n.amount = eur(minor);
    n.unallocated = n.amount;
    dc.credit_notes.push_back(std::move(n));
    dc.credit_note_invoice.push_back(invoice);
  }

  // Decides what happened to each invoice by today and records the matching documents.
  void add_invoices(Rng& r, DemoCustomer& dc, const PayerProfile& profile, bool business) {
    const int count = invoice_count(r, business, dc.customer.key_account);
    std::vector<Date> issues;
    for (int i = 0; i < count; ++i) issues.push_back(today_.add_days(-static_cast<std::int32_t>(r.between(0, 455))));
    std::sort(issues.begin(), issues.end());
    bool settled = true;  // everything paid: the customer may overpay
    for (const Date issue : issues) {
      domain::Invoice inv;
      inv.number = invoice_number(issue);
      inv.external_id = inv.number;
      inv.issue_date = issue;
      const int term = business ? (spec_.code == "grosshandel" && r.per_mille(300) ? 60 : 30) : 14;
      inv.due_date = issue.add_days(term);
      inv.amount = eur(draw_amount(r, business, dc.customer.key_account));
      inv.open = inv.amount;
      if (business && spec_.code == "grosshandel" && r.per_mille(400)) {
        inv.skonto_basis_points = r.per_mille(800) ? 200 : 300;
        inv.skonto_days = inv.skonto_basis_points == 200 ? 10 : 7;
      }
      const std::size_t index = dc.invoices.size();
      dc.invoices.push_back(inv);
      settled = settle(r, dc, index, profile) && settled;
    }
    if (settled && !dc.payments.empty() && r.per_mille(12)) {
      // Paid the last invoice twice: an unapplied overpayment to refund or keep as credit.
      const domain::Payment last = dc.payments.back();
      add_payment(r, dc, dc.invoices.back().number, last.value_date.add_days(static_cast<std::int32_t>(r.between(1, 20))),
                  last.amount.minor());
    }
  }

  // Returns true if the invoice ends up fully paid or credited.
  bool settle(Rng& r, DemoCustomer& dc, std::size_t index, const PayerProfile& profile) {
    const domain::Invoice inv = dc.invoices[index];
    const std::int64_t amount = inv.amount.minor();
    const Date credit_date = inv.issue_date.add_days(static_cast<std::int32_t>(r.between(3, 25)));
    std::int64_t payable = amount;
    if (r.per_mille(8) && credit_date <= today_) {  // cancelled in full (Storno)
      add_credit_note(dc, index, credit_date, amount, "GS");
      return true;
    }
    if (r.per_mille(45) && credit_date <= today_) {  // price correction, complaint
      const std::int64_t credit = money::mul_div(amount, r.between(5, 35), 100, money::Rounding::half_up).value();
      add_credit_note(dc, index, credit_date, credit, "GS");
      payable -= credit;
    }
    if (r.per_mille(6)) add_credit_note(dc, std::nullopt, credit_date, std::min<std::int64_t>(amount, r.between(5, 25) * 100), "KU");

    const std::int32_t days_past_due = inv.due_date.days_until(today_);
    const std::int32_t days_since_issue = inv.issue_date.days_until(today_);
    const bool with_reference = !r.per_mille(40);
    if (days_past_due <= 0) {  // not yet due: some pay early, often to take the Skonto
      if (days_since_issue < 1 || !r.per_mille(inv.skonto_basis_points > 0 ? 550 : 250)) return false;
      const Date paid_on = inv.issue_date.add_days(static_cast<std::int32_t>(r.between(1, days_since_issue)));
      pay_in_full(r, dc, index, paid_on, payable, with_reference);
      return true;
    }
    const auto p = r.between(0, 999);
    if (p >= profile.on_time + profile.late && r.per_mille(catch_up_per_mille(days_past_due))) {
      // Most items that were not paid in time are paid eventually; old debt is rarer.
      const std::int32_t late = static_cast<std::int32_t>(r.between(15, std::min(240, days_past_due)));
      add_payment(r, dc, inv.number, inv.due_date.add_days(late), payable, with_reference);
      return true;
    }
    if (p < profile.on_time && inv.skonto_basis_points > 0 && r.per_mille(650)) {  // within the Skonto period
      pay_in_full(r, dc, index, inv.issue_date.add_days(static_cast<std::int32_t>(r.between(1, inv.skonto_days))), payable,
                  with_reference);
      return true;
    }
    if (p < profile.on_time) {
      const std::int32_t early = static_cast<std::int32_t>(r.between(0, std::min(10, inv.issue_date.days_until(inv.due_date) - 1)));
      pay_in_full(r, dc, index, inv.due_date.add_days(-early), payable, with_reference);
      return true;
    }
    if (p < profile.on_time + profile.late) {
      const std::int32_t late = static_cast<std::int32_t>(r.between(1, std::min(profile.max_late_days, days_past_due)));
      add_payment(r, dc, inv.number, inv.due_date.add_days(late), payable, with_reference);
      return true;
    }
    if (p < profile.on_time + profile.late + profile.partial && payable >= 2000) {
      const std::int64_t share = r.between(20, 80);
      std::int64_t first = payable * share / 100 / 100 * 100;  // whole euros
      first = std::max<std::int64_t>(100, std::min(first, payable - 100));
      const Date on = inv.due_date.add_days(static_cast<std::int32_t>(r.between(-3, std::min(days_past_due, 60))));
      add_payment(r, dc, inv.number, std::max(on, inv.issue_date.add_days(1)), first, true);
      return false;
    }
    return false;  // unpaid
  }

  // Chance that an item not paid in time has been paid by today, growing with its age.
  static int catch_up_per_mille(std::int32_t days_past_due) {
    if (days_past_due <= 30) return 0;
    if (days_past_due <= 60) return 250;
    if (days_past_due <= 90) return 450;
    if (days_past_due <= 180) return 700;
    return 820;
  }

  void pay_in_full(Rng& r, DemoCustomer& dc, std::size_t index, Date paid_on, std::int64_t payable, bool with_reference) {
    const domain::Invoice& inv = dc.invoices[index];
    const bool skonto = inv.skonto_basis_points > 0 && inv.issue_date.days_until(paid_on) <= inv.skonto_days &&
                        r.per_mille(850);
    if (skonto) {
      const std::int64_t discount =
          money::mul_div(payable, inv.skonto_basis_points, 10000, money::Rounding::half_up).value();
      add_credit_note(dc, index, paid_on, discount, "SK");
      payable -= discount;
    }
    add_payment(r, dc, inv.number, paid_on, payable, with_reference);
  }

  const CreditorSpec& spec_;
  std::uint64_t creditor_no_;
  const DemoOptions& options_;
  Date today_;
  int invoice_seq_ = 0;
  int payment_seq_ = 0;
  int credit_seq_ = 0;
  std::string person_first_, person_last_;
};

std::vector<CreditorSpec> creditor_specs() {
  return {
      {"stadtwerke", "Stadtwerke Musterstadt GmbH", "SW", 110, 780, "NW"},
      {"grosshandel", "Großhandel Nord GmbH", "GH", 860, 0, "HH"},
  };
}

}  // namespace

std::vector<domain::Creditor> demo_creditors() {
  std::vector<domain::Creditor> out;
  for (const auto& s : creditor_specs()) {
    domain::Creditor c;
    c.code = s.code;
    c.name = s.name;
    out.push_back(c);
  }
  return out;
}

DemoPortfolio generate_demo_portfolio(const DemoOptions& options) {
  DemoPortfolio portfolio;
  portfolio.today = options.today;
  const auto specs = creditor_specs();
  const auto creditors = demo_creditors();
  const int utility_customers = options.customers * 7 / 10;
  for (std::size_t k = 0; k < specs.size(); ++k) {
    DemoCreditor dc;
    dc.creditor = creditors[k];
    const int count = k == 0 ? utility_customers : options.customers - utility_customers;
    CreditorGenerator gen(specs[k], k + 1, options);
    dc.customers.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) dc.customers.push_back(gen.customer(i));
    portfolio.creditors.push_back(std::move(dc));
  }
  return portfolio;
}

namespace {

base::Status write_customer(ports::LedgerStore& store, domain::CreditorId creditor, DemoCustomer& dc,
                            DemoWriteResult& result) {
  dc.customer.creditor_id = creditor;
  auto up = store.upsert_customer(creditor, dc.customer);
  if (!up) return base::fail(std::move(up).error());
  const domain::CustomerId id = dc.customer.id;
  for (auto& inv : dc.invoices) {
    inv.creditor_id = creditor;
    inv.customer_id = id;
    auto r = store.upsert_invoice(creditor, inv);
    if (!r) return base::fail(std::move(r).error());
  }
  for (std::size_t i = 0; i < dc.credit_notes.size(); ++i) {
    auto& n = dc.credit_notes[i];
    n.creditor_id = creditor;
    n.customer_id = id;
    if (const auto target = dc.credit_note_invoice[i]) n.invoice_id = dc.invoices[*target].id;
    auto r = store.upsert_credit_note(creditor, n);
    if (!r) return base::fail(std::move(r).error());
  }
  for (auto& p : dc.payments) {
    p.creditor_id = creditor;
    p.customer_id = id;
    auto r = store.upsert_payment(creditor, p);
    if (!r) return base::fail(std::move(r).error());
  }
  result.customers += 1;
  result.invoices += static_cast<std::int64_t>(dc.invoices.size());
  result.credit_notes += static_cast<std::int64_t>(dc.credit_notes.size());
  result.payments += static_cast<std::int64_t>(dc.payments.size());
  return {};
}

// The demo creditors' imprint and bank details (the IBANs are the well-known valid examples
// of German banks; nothing real is paid there), so letters can be written from the demo.
domain::CreditorProfile demo_profile(const domain::Creditor& c) {
  domain::CreditorProfile p;
  p.legal_name = c.name;
  if (c.code == "stadtwerke") {
    p.street = "Werkstraße 12";
    p.postal_code = "44137";
    p.city = "Musterstadt";
    p.phone = "0231 555 0100";
    p.email = "forderungen@stadtwerke-musterstadt.example";
    p.website = "https://stadtwerke-musterstadt.example";
    p.iban = "DE89370400440532013000";
    p.bic = "COBADEFFXXX";
    p.bank_name = "Commerzbank";
    p.register_entry = "Amtsgericht Musterstadt, HRB 4711";
    p.management = "Geschäftsführung: Petra Beispiel";
  } else {
    p.street = "Hafenweg 7";
    p.postal_code = "20457";
    p.city = "Hamburg";
    p.phone = "040 555 0200";
    p.email = "buchhaltung@grosshandel-nord.example";
    p.iban = "DE02120300000000202051";
    p.bic = "BYLADEM1001";
    p.bank_name = "Deutsche Kreditbank";
    p.register_entry = "Amtsgericht Hamburg, HRB 0815";
    p.vat_id = "DE999999999";
    p.management = "Geschäftsführung: Jan Nordmann";
    p.brand_color = "#0b5563";
  }
  return p;
}

base::Result<domain::Creditor> find_or_create(ports::LedgerStore& store, const domain::Creditor& wanted) {
  auto found = store.find_creditor(wanted.code);
  if (!found) return base::fail(std::move(found).error());
  if (*found) return **found;
  return store.create_creditor(wanted);
}

}  // namespace

base::Result<std::vector<DemoWriteResult>> write_demo_portfolio(ports::LedgerStore& store, DemoPortfolio& portfolio) {
  std::vector<DemoWriteResult> results;
  for (auto& dc : portfolio.creditors) {
    auto creditor = find_or_create(store, dc.creditor);
    if (!creditor) return base::fail(std::move(creditor).error());
    dc.creditor = *creditor;
    auto profile = store.creditor_profile(creditor->id);
    if (!profile) return base::fail(std::move(profile).error());
    if (!*profile) KULANZ_TRY_STATUS(store.save_creditor_profile(creditor->id, demo_profile(*creditor)));
    DemoWriteResult result;
    result.creditor = *creditor;
    auto st = ports::in_transaction(store, [&]() -> base::Status {
      std::vector<domain::CustomerId> ids;
      ids.reserve(dc.customers.size());
      for (auto& customer : dc.customers) {
        KULANZ_TRY_STATUS(write_customer(store, creditor->id, customer, result));
        ids.push_back(customer.customer.id);
      }
      auto created = reallocate(store, creditor->id, ids);
      if (!created) return base::fail(std::move(created).error());
      result.allocations = *created;
      return {};
    });
    if (!st) return base::fail(std::move(st).error());
    results.push_back(result);
  }
  return results;
}

}  // namespace kulanz::services
