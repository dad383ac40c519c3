#pragma once
#include "cli/context.hpp"

namespace kulanz::cli {
void add_serve_command(CLI::App& app, Context& ctx);
}  // namespace kulanz::cli
