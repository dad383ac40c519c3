#include "smtp_sink.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>

#include "test_support.hpp"

extern char** environ;

namespace kulanz::channels::test {

SmtpSink::SmtpSink(std::filesystem::path directory, Options options) : directory_(std::move(directory)) {
  std::filesystem::create_directories(directory_);
  std::vector<std::string> args{KULANZ_SYSTEM_PYTHON, std::string(KULANZ_CHANNELS_TEST_DIR) + "/smtp_sink.py",
                                "--dir", directory_.string(), "--port", "0"};
  for (const auto& a : options.reject_550) args.insert(args.end(), {"--reject-550", a});
  for (const auto& a : options.reject_451) args.insert(args.end(), {"--reject-451", a});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int to_child[2];
  int from_child[2];
  if (pipe2(to_child, O_CLOEXEC) != 0 || pipe2(from_child, O_CLOEXEC) != 0) {
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
    error_ = std::string("could not start ") + KULANZ_SYSTEM_PYTHON + " (apt install python3-aiosmtpd)";
    return;
  }
  pid_ = pid;

  // Wait for "LISTENING <port>"; aiosmtpd's controller prints it only once it accepts.
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
    error_ = "the SMTP sink did not start (is python3-aiosmtpd installed for /usr/bin/python3?); it printed: " + output;
  }
}

SmtpSink::~SmtpSink() { stop(); }

int SmtpSink::stop() {
  if (stdin_fd_ >= 0) ::close(stdin_fd_);
  stdin_fd_ = -1;
  int exit_status = -1;
  if (pid_ > 0) {
    // End of standard input asks the sink to stop; SIGTERM if it does not within 10 s.
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

std::vector<ReceivedMessage> SmtpSink::messages() const {
  std::vector<ReceivedMessage> out;
  for (int number = 1;; ++number) {
    const auto eml = directory_ / (std::to_string(number) + ".eml");
    const auto envelope = directory_ / (std::to_string(number) + ".envelope");
    if (!std::filesystem::exists(eml) || !std::filesystem::exists(envelope)) break;
    ReceivedMessage message;
    message.file = eml;
    message.raw = read_file(eml);
    std::istringstream lines(read_file(envelope));
    std::string line;
    std::getline(lines, message.mail_from);
    while (std::getline(lines, line)) message.recipients.push_back(line);
    out.push_back(std::move(message));
  }
  return out;
}

}  // namespace kulanz::channels::test
