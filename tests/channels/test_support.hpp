#pragma once
// Scratch folders, files and commands for the channel tests.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "../support/test_support.hpp"

namespace kulanz::channels::test {

using test_support::CommandOutput;
using test_support::read_file;
using test_support::run_command;
using test_support::shell_quote;

// The lines of `text` split at CRLF (a final CRLF does not start another line).
std::vector<std::string> crlf_lines(std::string_view text);

// A scratch folder named after the channel tests.
class ScratchDir : public test_support::ScratchDir {
 public:
  ScratchDir() : test_support::ScratchDir("kulanz-channels") {}
};

}  // namespace kulanz::channels::test
