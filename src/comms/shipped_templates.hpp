#pragma once
// The shipped default texts, data/templates/**.mustache, compiled in by
// src/comms/embed_templates.cmake. Paths are relative to data/templates/.
#include <span>

#include "comms/templates.hpp"

namespace kulanz::comms {

std::span<const TemplateFile> shipped_template_files();

}  // namespace kulanz::comms
