// `kulanz user create|list`: accounts of the creditor's team for the web pages.
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "base/text.hpp"
#include "cli/context.hpp"
#include "security/security.hpp"

namespace kulanz::cli {
namespace {

constexpr std::size_t kMinPasswordLength = 12;   // characters (UTF-8 code points)
constexpr std::size_t kMaxPasswordBytes = 1024;  // bounds the hashing work per login
constexpr std::size_t kMaxNameLength = 200;

struct CreateFlags {
  std::string email;
  std::string name;
  std::string creditors;
  std::string role;
  bool password_stdin = false;
};

void fail(Context& ctx, const std::string& message) {
  std::fprintf(stderr, "kulanz user: %s\n", message.c_str());
  ctx.exit_code = 2;
}

// A pragmatic check: one '@', something before it, a dot in the domain, no spaces.
bool plausible_email(std::string_view email) {
  auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  auto domain = email.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  for (unsigned char c : email) {
    if (c <= ' ' || c == 0x7f) return false;
  }
  return email.size() <= 254;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    auto item = base::trim(std::string_view(text).substr(start, comma - start));
    if (!item.empty()) out.emplace_back(item);
    start = comma + 1;
  }
  return out;
}

void strip_line_end(std::string& s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
}

// Reads a line from the terminal without echoing it.
bool read_hidden(const char* prompt, std::string& out) {
  std::fprintf(stderr, "%s", prompt);
  std::fflush(stderr);
  termios old{};
  bool restore = tcgetattr(STDIN_FILENO, &old) == 0;
  if (restore) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  bool ok = static_cast<bool>(std::getline(std::cin, out));
  if (restore) tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
  std::fprintf(stderr, "\n");
  strip_line_end(out);
  return ok;
}

// The new password: --password-stdin, else KULANZ_USER_PASSWORD, else a prompt on a terminal.
std::optional<std::string> obtain_password(Context& ctx, bool from_stdin) {
  std::string password;
  if (from_stdin) {
    if (!std::getline(std::cin, password)) {
      fail(ctx, "--password-stdin: no password on standard input");
      return std::nullopt;
    }
    strip_line_end(password);
  } else if (const char* env = std::getenv("KULANZ_USER_PASSWORD"); env != nullptr && *env != '\0') {
    password = env;
  } else if (isatty(STDIN_FILENO)) {
    std::string again;
    if (!read_hidden("Password: ", password) || !read_hidden("Repeat password: ", again)) {
      fail(ctx, "no password entered");
      return std::nullopt;
    }
    if (password != again) {
      fail(ctx, "the two passwords differ; nothing was created");
      return std::nullopt;
    }
  } else {
    fail(ctx, "no password given: use --password-stdin, set KULANZ_USER_PASSWORD, or run on a terminal to be asked");
    return std::nullopt;
  }
  if (!base::is_valid_utf8(password)) {
    fail(ctx, "the password is not valid UTF-8");
    return std::nullopt;
  }
  if (base::utf8_length(password) < kMinPasswordLength) {
    fail(ctx, "the password is too short: at least " + std::to_string(kMinPasswordLength) + " characters are required");
    return std::nullopt;
  }
  if (password.size() > kMaxPasswordBytes) {
    fail(ctx, "the password is too long: at most " + std::to_string(kMaxPasswordBytes) + " bytes");
    return std::nullopt;
  }
  return password;
}

void create_user(Context& ctx, const CreateFlags& flags) {
  std::string email = base::ascii_lower(base::trim(flags.email));
  if (!plausible_email(email)) return fail(ctx, "--email: '" + flags.email + "' is not an email address");
  std::string name(base::trim(flags.name));
  if (name.empty()) return fail(ctx, "--name must not be empty");
  if (!base::is_valid_utf8(name) || base::utf8_length(name) > kMaxNameLength) {
    return fail(ctx, "--name must be valid UTF-8 of at most " + std::to_string(kMaxNameLength) + " characters");
  }
  auto role = ports::parse_role(flags.role);
  if (!role) return fail(ctx, "--role: " + role.error().detail);
  auto creditor_args = split_list(flags.creditors);
  if (creditor_args.empty()) return fail(ctx, "--creditor: give at least one creditor code or id");

  auto store = ctx.open_store();
  if (!store) return;
  std::vector<domain::Creditor> creditors;
  for (const auto& arg : creditor_args) {
    auto c = ctx.find_creditor(*store, arg);
    if (!c) return;
    bool seen = false;
    for (const auto& known : creditors) seen = seen || known.id == c->id;
    if (!seen) creditors.push_back(*c);
  }
  auto existing = store->user_by_email(email);
  if (!existing) return fail(ctx, existing.error().to_string());
  if (existing->has_value()) return fail(ctx, "a user with the email address " + email + " already exists");

  auto password = obtain_password(ctx, flags.password_stdin);
  if (!password) return;
  auto hash = security::hash_password(*password);
  if (!hash) return fail(ctx, hash.error().to_string());

  ports::User user;
  user.email = email;
  user.display_name = name;
  user.password_hash = *hash;
  auto st = ports::in_transaction(*store, [&]() -> base::Status {
    auto created = store->create_user(user);
    if (!created) return base::fail(std::move(created).error());
    user = *created;
    for (const auto& c : creditors) KULANZ_TRY_STATUS(store->add_membership(ports::Membership{c.id, user.id, *role}));
    return {};
  });
  if (!st) return fail(ctx, st.error().to_string());
  std::string codes;
  for (const auto& c : creditors) codes += (codes.empty() ? "" : ", ") + c.code;
  std::printf("created user %s (id %lld, %s) with role %s for %s\n", user.email.c_str(),
              static_cast<long long>(user.id.value), user.display_name.c_str(), std::string(ports::to_string(*role)).c_str(),
              codes.c_str());
}

void list_users(Context& ctx) {
  auto store = ctx.open_store();
  if (!store) return;
  auto users = store->list_users();
  if (!users) return fail(ctx, users.error().to_string());
  if (users->empty()) {
    std::fprintf(stderr, "no users yet; create one with `kulanz user create`\n");
    return;
  }
  std::printf("id\temail\tname\tstatus\tcreditors (role)\n");
  for (const auto& u : *users) {
    auto memberships = store->memberships(u.id);
    if (!memberships) return fail(ctx, memberships.error().to_string());
    std::string access;
    for (const auto& m : *memberships) {
      auto c = store->find_creditor(std::to_string(m.creditor_id.value));
      if (!c) return fail(ctx, c.error().to_string());
      std::string code = c->has_value() ? (*c)->code : "#" + std::to_string(m.creditor_id.value);
      access += (access.empty() ? "" : ", ") + code + " (" + std::string(ports::to_string(m.role)) + ")";
    }
    std::printf("%lld\t%s\t%s\t%s\t%s\n", static_cast<long long>(u.id.value), u.email.c_str(), u.display_name.c_str(),
                u.disabled ? "disabled" : "active", access.empty() ? "-" : access.c_str());
  }
}

}  // namespace

void add_user_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("user", "Manage users of the web pages (the creditor's team)");
  cmd->require_subcommand(1);

  static CreateFlags flags;
  auto* create = cmd->add_subcommand("create", "Create a user with access to one or more creditors");
  create->add_option("--email", flags.email, "Email address used to log in (stored in lower case)")->required();
  create->add_option("--name", flags.name, "Name shown on the pages")->required();
  create->add_option("--creditor", flags.creditors, "Creditor code(s) or id(s), comma-separated")->required();
  create->add_option("--role", flags.role, "admin, team_lead, collector or read_only")
      ->required()
      ->check(CLI::IsMember({"admin", "team_lead", "collector", "read_only"}));
  create->add_flag("--password-stdin", flags.password_stdin, "Read the password from the first line of standard input");
  create->footer(
      "The password (at least 12 characters) comes from --password-stdin, else from the environment\n"
      "variable KULANZ_USER_PASSWORD, else from a prompt on the terminal (not echoed, asked twice).\n"
      "It is stored only as an argon2id hash.");
  create->callback([&ctx] { create_user(ctx, flags); });

  auto* list = cmd->add_subcommand("list", "List users with their creditors and roles (tab-separated)");
  list->callback([&ctx] { list_users(ctx); });
}

}  // namespace kulanz::cli
