#pragma once
// A local test server: a script of tests/channels run with Debian's /usr/bin/python3,
// which prints "LISTENING <port>" once it accepts connections on 127.0.0.1 and stops
// cleanly at the end of its standard input (SIGTERM if it lingers).
#include <string>
#include <vector>

namespace kulanz::channels::test {

class ServerProcess {
 public:
  // Starts tests/channels/<script> with `args` and waits up to 20 s for its port.
  ServerProcess(const std::string& script, const std::vector<std::string>& args);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const { return port_ > 0; }
  const std::string& startup_error() const { return error_; }
  int port() const { return port_; }

  // Ends the server and returns its exit status (0: it shut down cleanly).
  int stop();

 private:
  int pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
  std::string error_;
};

}  // namespace kulanz::channels::test
