#pragma once
// Shared state of the `kulanz` command line. Each subcommand lives in its own file and
// registers itself with an add_*_command function called from cli.cpp.
#include <memory>
#include <string>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "cli/config.hpp"
#include "law/base_rate.hpp"
#include "ports/ledger_store.hpp"

namespace CLI { class App; }

namespace kulanz::cli {

struct Context {
  std::string db_url;        // resolved: --db, else KULANZ_DB, else config file, else sqlite:kulanz.db
  std::string config_path;   // --config or KULANZ_CONFIG
  Config config;             // resolved configuration
  base::SystemClock clock;
  int exit_code = 0;

  // Opens the database (applying pending migrations); prints a clear error and returns
  // nullptr on failure (exit_code is then set).
  std::unique_ptr<ports::LedgerStore> open_store();
  // Resolves --creditor (code or numeric id); prints an error and returns nullopt if unknown.
  std::optional<domain::Creditor> find_creditor(ports::LedgerStore& store, const std::string& code_or_id);
  // A customer by external id: of the creditor named by `creditor_flag` (--creditor), or,
  // when it is empty, of the one creditor that has such a customer. Prints the error as
  // `kulanz <command>: ...` (unknown customer E6004, or several creditors without
  // --creditor), sets exit_code and returns nullopt.
  struct CustomerOf {
    domain::Creditor creditor;
    domain::Customer customer;
  };
  std::optional<CustomerOf> find_customer(ports::LedgerStore& store, const std::string& command,
                                          const std::string& creditor_flag, const std::string& external_id);
};

// The base-rate table (data/law/basiszinssatz.csv format) from the `--base-rates` flag if
// given, else from the configuration (`[law] base_rates` / KULANZ_BASE_RATES), else the
// built-in one; prints the error and returns nullopt if the file is bad.
std::optional<law::BaseRateTable> load_base_rate_table(Context& ctx, const std::string& flag);  // law_command.cpp

void add_import_command(CLI::App& app, Context& ctx);  // import_command.cpp
void add_demo_command(CLI::App& app, Context& ctx);    // demo_command.cpp
void add_user_command(CLI::App& app, Context& ctx);    // user_command.cpp
void add_law_command(CLI::App& app, Context& ctx);     // law_command.cpp
void add_calendar_command(CLI::App& app, Context& ctx);  // calendar_command.cpp
void add_strategy_command(CLI::App& app, Context& ctx);  // strategy_command.cpp
// `strategy load|versions` (database side), under the `strategy` command.
void add_strategy_store_commands(CLI::App& strategy, Context& ctx);  // strategy_store_command.cpp
void add_dispatch_command(CLI::App& app, Context& ctx);  // dispatch_command.cpp
void add_invoice_copy_command(CLI::App& app, Context& ctx);  // invoice_copy_command.cpp
void add_run_command(CLI::App& app, Context& ctx);      // run_command.cpp: run, explain
void add_hold_command(CLI::App& app, Context& ctx);     // hold_command.cpp: hold, segment override
void add_escalation_command(CLI::App& app, Context& ctx);  // escalation_command.cpp: escalations list, export
void add_creditor_profile_commands(CLI::App& creditor, Context& ctx);  // creditor_profile_command.cpp: profile, show
void add_portal_link_command(CLI::App& app, Context& ctx);  // portal_link_command.cpp
void add_portal_command(CLI::App& app, Context& ctx);  // portal_command.cpp
void add_letter_command(CLI::App& app, Context& ctx);  // letter_command.cpp
void add_templates_command(CLI::App& app, Context& ctx);  // templates_command.cpp
void add_mandates_command(CLI::App& app, Context& ctx);  // mandates_command.cpp: mandates list, export

}  // namespace kulanz::cli
