#pragma once
// Starts tests/channels/smtp_sink.py (aiosmtpd under Debian's /usr/bin/python3) on a
// loopback port, waits until it accepts connections, and stops it again.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "server_process.hpp"

namespace kulanz::channels::test {

struct ReceivedMessage {
  std::filesystem::path file;  // the stored .eml
  std::string raw;             // its bytes
  std::string mail_from;
  std::vector<std::string> recipients;
  int connection = 0;  // which connection since the sink started brought it (1, 2, ...)
  std::string peer;    // the client's address and port on that connection, "127.0.0.1:54321"
};

class SmtpSink {
 public:
  struct Options {
    std::vector<std::string> reject_550;  // recipients answered with 550
    std::vector<std::string> reject_451;  // recipients answered with 451
    std::vector<std::string> reject_sender_553 = {};  // senders (MAIL FROM) answered with 553
    int port = 0;                         // 0: a free port
    int idle_timeout_seconds = 0;         // > 0: an idle connection is closed with 421 after this long
  };

  // Stores messages in `directory`. Check started() before use; startup_error() says why not.
  explicit SmtpSink(std::filesystem::path directory);
  SmtpSink(std::filesystem::path directory, Options options);
  ~SmtpSink() = default;
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  bool started() const { return process_.started(); }
  const std::string& startup_error() const { return error_; }
  int port() const { return process_.port(); }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port()); }

  // The messages stored so far, in the order received.
  std::vector<ReceivedMessage> messages() const;
  // Connections clients opened so far, and QUIT commands answered.
  int connections() const;
  int quits() const;

  // Ends the server (end of its standard input; SIGTERM if it lingers) and returns its
  // exit status (0: it shut down cleanly).
  int stop() { return process_.stop(); }

 private:
  std::filesystem::path directory_;
  ServerProcess process_;
  std::string error_;
};

}  // namespace kulanz::channels::test
