// GET /: the portfolio dashboard of the signed-in user's creditors.
#include <algorithm>
#include <string>
#include <vector>

#include "base/text.hpp"
#include "calendar/date.hpp"
#include "http/auth_session.hpp"
#include "http/web_chart.hpp"
#include "http/web_format.hpp"
#include "http/web_pages.hpp"

namespace kulanz::http {
namespace {

struct Membership {
  domain::Creditor creditor;
  ports::Role role = ports::Role::read_only;
};

std::string role_label(ports::Role role) {
  switch (role) {
    case ports::Role::admin: return "Administration";
    case ports::Role::team_lead: return "Teamleitung";
    case ports::Role::collector: return "Sachbearbeitung";
    case ports::Role::read_only: return "Nur lesen";
  }
  return "";
}

// The user's creditors, sorted by name.
base::Result<std::vector<Membership>> creditors_of(ports::LedgerStore& store, domain::UserId user) {
  auto memberships = store.memberships(user);
  if (!memberships) return base::fail(std::move(memberships).error());
  std::vector<Membership> out;
  for (const auto& m : *memberships) {
    auto creditor = store.find_creditor(std::to_string(m.creditor_id.value));
    if (!creditor) return base::fail(std::move(creditor).error());
    if (creditor->has_value()) out.push_back(Membership{**creditor, m.role});
  }
  std::sort(out.begin(), out.end(), [](const Membership& a, const Membership& b) {
    return a.creditor.name != b.creditor.name ? a.creditor.name < b.creditor.name : a.creditor.id < b.creditor.id;
  });
  return out;
}

Data chart_data(const ports::PortfolioSummary& summary, money::Currency currency, Data d) {
  Data bars = Data::type::list;
  std::string desc;
  for (const auto& b : aging_bars(summary.aging, currency)) {
    Data bar;
    bar.set("label", b.label);
    bar.set("amount_text", b.amount_text);
    bar.set("count_text", b.count_text);
    bar.set("overdue", b.overdue);
    bar.set("x", std::to_string(b.x));
    bar.set("y", std::to_string(b.y));
    bar.set("width", std::to_string(b.width));
    bar.set("height", std::to_string(b.height));
    bar.set("label_x", std::to_string(b.label_x));
    bar.set("value_y", std::to_string(b.value_y));
    bars.push_back(bar);
    desc += (desc.empty() ? "" : "; ") + b.label + ": " + b.amount_text;
  }
  d.set("bars", bars);
  d.set("chart_desc", desc);
  d.set("chart_width", std::to_string(kChartWidth));
  d.set("chart_height", std::to_string(kChartHeight));
  return d;
}

base::Result<Data> creditor_data(ports::LedgerStore& store, const Membership& m, calendar::Date today) {
  auto summary = store.portfolio_summary(m.creditor.id, today);
  if (!summary) return base::fail(std::move(summary).error());
  money::Currency currency = m.creditor.currency;
  Data d;
  d.set("name", m.creditor.name);
  d.set("code", m.creditor.code);
  d.set("self_href", "/?creditor=" + base::percent_encode(m.creditor.code));
  d.set("role", role_label(m.role));
  d.set("as_of", today.german());
  d.set("as_of_iso", today.iso());
  d.set("customers", format_count_de(summary->customers));
  d.set("open_items", format_count_de(summary->open_items));
  d.set("total_open", format_money_de(money::Money(summary->aging.total_open.minor(), currency)));
  d.set("total_overdue", format_money_de(money::Money(summary->aging.total_overdue.minor(), currency)));
  return chart_data(*summary, currency, std::move(d));
}

Data switcher_data(const std::vector<Membership>& all, const Membership& current) {
  Data list = Data::type::list;
  for (const auto& m : all) {
    Data item;
    item.set("name", m.creditor.name);
    item.set("href", "/?creditor=" + base::percent_encode(m.creditor.code));
    item.set("current", m.creditor.id == current.creditor.id);
    list.push_back(item);
  }
  return list;
}

}  // namespace

Response dashboard_page(Request& request, const WebState& state) {
  auto signed_in = current_user(request);
  if (!signed_in) return unavailable_page(state, signed_in.error());
  if (!signed_in->has_value()) return Response::redirect("/login");
  const SignedIn& who = **signed_in;
  PageFrame frame{"Forderungsübersicht", who.user.display_name, who.session.csrf_token, state.options.banner};

  auto creditors = creditors_of(*request.store, who.user.id);
  if (!creditors) return unavailable_page(state, creditors.error());
  Data d;
  d.set("no_creditors", creditors->empty());
  if (creditors->empty()) return render_page(200, frame, "dashboard", d);

  const Membership* current = &creditors->front();
  if (auto wanted = request.query_param("creditor")) {
    auto it = std::find_if(creditors->begin(), creditors->end(),
                           [&](const Membership& m) { return m.creditor.code == *wanted; });
    if (it == creditors->end()) {
      return message_page(404, frame, "Gläubiger nicht gefunden",
                          "Diesen Gläubiger gibt es nicht, oder Ihr Konto ist ihm nicht zugeordnet.", "/",
                          "Zur Übersicht");
    }
    current = &*it;
  }
  auto today = calendar::Date::from_unix_utc(request.now_unix);
  auto creditor = creditor_data(*request.store, *current, today);
  if (!creditor) return unavailable_page(state, creditor.error());
  d.set("creditor", *creditor);
  d.set("has_switcher", creditors->size() > 1);
  d.set("creditors", switcher_data(*creditors, *current));
  return render_page(200, frame, "dashboard", d);
}

}  // namespace kulanz::http
