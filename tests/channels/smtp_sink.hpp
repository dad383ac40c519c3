#pragma once
// Starts tests/channels/smtp_sink.py (aiosmtpd under Debian's /usr/bin/python3) on a free
// loopback port, waits until it accepts connections, and stops it again.
#include <filesystem>
#include <string>
#include <vector>

namespace kulanz::channels::test {

struct ReceivedMessage {
  std::filesystem::path file;  // the stored .eml
  std::string raw;             // its bytes
  std::string mail_from;
  std::vector<std::string> recipients;
};

class SmtpSink {
 public:
  struct Options {
    std::vector<std::string> reject_550;  // recipients answered with 550
    std::vector<std::string> reject_451;  // recipients answered with 451
  };

  // Stores messages in `directory`. Check started() before use; startup_error() says why not.
  explicit SmtpSink(std::filesystem::path directory, Options options = {});
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  bool started() const { return port_ > 0; }
  const std::string& startup_error() const { return error_; }
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // The messages stored so far, in the order received.
  std::vector<ReceivedMessage> messages() const;

  // Ends the server (end of its standard input; SIGTERM if it lingers) and returns its
  // exit status (0: it shut down cleanly).
  int stop();

 private:
  std::filesystem::path directory_;
  int pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
  std::string error_;
};

}  // namespace kulanz::channels::test
