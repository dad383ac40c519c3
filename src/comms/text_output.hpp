#pragma once
// Internal to src/comms: the clean-up of rendered parts (docs/TEMPLATES.md, "Output").
#include <string>
#include <string_view>

#include "comms/message.hpp"

namespace kulanz::comms {

// Lines with section or comment tags ("{{#", "{{^", "{{/", "{{!") disappear when they render
// to nothing but white space, whether or not their sections render: the template is
// prepared with a marker at the start of such lines, and the output drops the marked
// lines that are blank and removes the marker from the others. (A section that does not
// render would otherwise leave an empty line where it stood.)
std::string mark_section_lines(std::string_view template_text);
std::string drop_marked_lines(std::string_view rendered);
// Values never carry the marker.
std::string without_marker(std::string_view value);

// subject: one line, runs of white space (newlines too) become one space, trimmed.
// html: CRLF -> LF, trimmed.
// text and body: CRLF -> LF, no trailing blanks on a line, at most one empty line in a row
// (sections that render nothing leave no gaps), trimmed at both ends.
std::string tidy_output(std::string_view rendered, Part part);

}  // namespace kulanz::comms
