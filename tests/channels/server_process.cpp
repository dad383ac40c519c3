#include "server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>

extern char** environ;

namespace kulanz::channels::test {

ServerProcess::ServerProcess(const std::string& script, const std::vector<std::string>& args) {
  std::vector<std::string> command{KULANZ_SYSTEM_PYTHON, std::string(KULANZ_CHANNELS_TEST_DIR) + "/" + script};
  command.insert(command.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : command) argv.push_back(a.data());
  argv.push_back(nullptr);

  int to_child[2];
  int from_child[2];
  if (pipe2(to_child, O_CLOEXEC) != 0) {
    error_ = "pipe failed";
    return;
  }
  if (pipe2(from_child, O_CLOEXEC) != 0) {
    ::close(to_child[0]);
    ::close(to_child[1]);
    error_ = "pipe failed";
    return;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(to_child[0]);
  ::close(from_child[1]);
  stdin_fd_ = to_child[1];
  stdout_fd_ = from_child[0];
  if (spawned != 0) {
    error_ = std::string("could not start ") + KULANZ_SYSTEM_PYTHON;
    return;
  }
  pid_ = pid;

  std::string output;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (output.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd fd{stdout_fd_, POLLIN, 0};
    if (::poll(&fd, 1, 200) <= 0) continue;
    char buffer[256];
    const auto n = ::read(stdout_fd_, buffer, sizeof buffer);
    if (n <= 0) break;
    output.append(buffer, static_cast<std::size_t>(n));
  }
  std::istringstream line(output);
  std::string word;
  int port = 0;
  if (line >> word >> port && word == "LISTENING" && port > 0) {
    port_ = port;
  } else {
    error_ = script + " did not start; it printed: " + output;
  }
}

ServerProcess::~ServerProcess() { stop(); }

int ServerProcess::stop() {
  if (stdin_fd_ >= 0) ::close(stdin_fd_);
  stdin_fd_ = -1;
  int exit_status = -1;
  if (pid_ > 0) {
    // End of standard input asks the server to stop; SIGTERM if it does not within 10 s.
    int status = 0;
    pid_t done = 0;
    for (int waited_ms = 0; done == 0 && waited_ms < 10000; waited_ms += 20) {
      done = ::waitpid(pid_, &status, WNOHANG);
      if (done == 0) ::usleep(20000);
    }
    if (done == 0) {
      ::kill(pid_, SIGTERM);
      done = ::waitpid(pid_, &status, 0);
    }
    if (done == pid_ && WIFEXITED(status)) exit_status = WEXITSTATUS(status);
    pid_ = -1;
  }
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  stdout_fd_ = -1;
  port_ = 0;
  return exit_status;
}

}  // namespace kulanz::channels::test
