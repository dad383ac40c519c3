#pragma once
// The dispatcher's wiring from the configuration (dispatch_command.cpp): the transports
// ([smtp], [sms] gateway, webhooks) and the settings ([dispatch], [email], [sms], [portal]).
// Used by `kulanz dispatch` and the worker inside `kulanz serve`.
#include "cli/config.hpp"
#include "law/base_rate.hpp"
#include "services/dispatch.hpp"

namespace kulanz::cli {

services::Transports make_transports(const Config& config);
services::DispatchSettings make_dispatch_settings(const Config& config, const law::BaseRateTable* rates);

}  // namespace kulanz::cli
