#pragma once
// Validation of one template file: mustache syntax, every variable and section name against
// the vocabulary (values.hpp), and the escaping rules of its part (docs/TEMPLATES.md).
#include <string>
#include <string_view>
#include <vector>

#include "comms/message.hpp"

namespace kulanz::comms {

// One problem: `FILE:LINE: message` (line 0: the file as a whole, `FILE: message`).
struct TemplateProblem {
  std::string file;
  int line = 0;
  std::string message;

  std::string to_string() const;
};

// Every problem of the text of `file` (used only to name it), in line order; empty when the
// text is a valid template for `part`. Checks:
//  - UTF-8; tags closed ({{...}}, {{{...}}}); sections opened and closed in order;
//  - no partials ({{> name}}) and no delimiter changes ({{=<% %>=}});
//  - names: top-level variables anywhere, a list's fields inside that list's section;
//    lists only as sections, flags only as sections;
//  - HTML parts: no unescaped output ({{{name}}}, {{& name}}).
std::vector<TemplateProblem> check_template(std::string_view file, std::string_view text, Part part);

}  // namespace kulanz::comms
