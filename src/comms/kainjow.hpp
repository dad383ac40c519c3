#pragma once
// The kainjow mustache header, included as a system header so that its code is held to its
// own warning standard, not to ours (-Werror with -Wshadow etc. stays on for kulanz code).
// Internal to src/comms: public headers never include it.
#pragma GCC system_header
#include <kainjow/mustache.hpp>
