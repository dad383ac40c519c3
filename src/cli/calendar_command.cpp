// `kulanz calendar holidays --state BY --year 2026`: the public holidays of a German state,
// one `YYYY-MM-DD name` line each, in date order.
#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdio>

#include "calendar/german_state.hpp"
#include "calendar/holidays.hpp"
#include "cli/context.hpp"

namespace kulanz::cli {
namespace {

// Prints the error against the option that caused it; the command then exits with 2.
void report(Context& ctx, const char* option, base::Error error) {
  error.field = option;
  std::fprintf(stderr, "kulanz calendar holidays: %s\n", error.to_string().c_str());
  ctx.exit_code = 2;
}

base::Result<int> parse_year(const std::string& text) {
  int year = 0;
  const char* end = text.data() + text.size();
  auto r = std::from_chars(text.data(), end, year);
  if (text.empty() || r.ec != std::errc() || r.ptr != end) {
    return base::fail(base::ErrorCode::invalid_argument, "'" + text + "' is not a year (write it as 2026)", "year");
  }
  KULANZ_TRY_STATUS(calendar::check_holiday_year(year));
  return year;
}

void add_holidays_command(CLI::App& calendar_cmd, Context& ctx) {
  auto* cmd = calendar_cmd.add_subcommand(
      "holidays",
      "Print the public holidays of a German state in a year, one `YYYY-MM-DD name` line each.\n"
      "State-wide holidays only; docs/CALENDAR.md lists the rules and the local holidays left out.");
  static std::string state_text, year_text;
  cmd->add_option("--state", state_text, "German state code: BW BY BE BB HB HH HE MV NI NW RP SL SN ST SH TH")
      ->required();
  cmd->add_option("--year", year_text,
                  "Year, " + std::to_string(calendar::kFirstHolidayYear) + ".." +
                      std::to_string(calendar::kLastHolidayYear))
      ->required();
  cmd->callback([&ctx] {
    auto state = calendar::parse_german_state(state_text);
    if (!state) {
      report(ctx, "--state", state.error());
      return;
    }
    auto year = parse_year(year_text);
    if (!year) {
      report(ctx, "--year", year.error());
      return;
    }
    auto list = calendar::holidays(*state, *year);
    if (!list) {
      report(ctx, "--year", list.error());
      return;
    }
    for (const auto& h : *list) std::printf("%s %s\n", h.date.iso().c_str(), h.name.c_str());
  });
}

}  // namespace

void add_calendar_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("calendar", "Business calendar: German public holidays per state");
  cmd->require_subcommand(1);
  add_holidays_command(*cmd, ctx);
}

}  // namespace kulanz::cli
