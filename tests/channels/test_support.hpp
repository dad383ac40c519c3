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

// The lines of a text file, without their line ends.
std::vector<std::string> file_lines(const std::filesystem::path& path);

// A loopback port that nothing listens on (bound, then closed again).
int unused_loopback_port();

// A listening loopback socket that no one answers: shows whether a connection was attempted.
class LoopbackListener {
 public:
  LoopbackListener();
  ~LoopbackListener();
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;
  int port() const { return port_; }
  std::string url(std::string_view scheme) const { return std::string(scheme) + "://127.0.0.1:" + std::to_string(port_); }
  // A connection is waiting to be accepted (checked for 100 ms).
  bool connection_pending() const;

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A scratch folder named after the channel tests.
class ScratchDir : public test_support::ScratchDir {
 public:
  ScratchDir() : test_support::ScratchDir("kulanz-channels") {}
};

}  // namespace kulanz::channels::test
