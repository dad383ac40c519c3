#include "smtp_sink.hpp"

#include <sstream>

#include "test_support.hpp"

namespace kulanz::channels::test {
namespace {

std::vector<std::string> sink_arguments(const std::filesystem::path& directory, const SmtpSink::Options& options) {
  std::filesystem::create_directories(directory);
  std::vector<std::string> args{"--dir", directory.string(), "--port", std::to_string(options.port)};
  for (const auto& a : options.reject_550) args.insert(args.end(), {"--reject-550", a});
  for (const auto& a : options.reject_451) args.insert(args.end(), {"--reject-451", a});
  for (const auto& a : options.reject_sender_553) args.insert(args.end(), {"--reject-sender-553", a});
  if (options.idle_timeout_seconds > 0) {
    args.insert(args.end(), {"--idle-timeout", std::to_string(options.idle_timeout_seconds)});
  }
  return args;
}

int number_in(const std::filesystem::path& file) {
  std::istringstream in(read_file(file));
  int n = 0;
  return in >> n ? n : 0;
}

}  // namespace

SmtpSink::SmtpSink(std::filesystem::path directory) : SmtpSink(std::move(directory), Options{}) {}

SmtpSink::SmtpSink(std::filesystem::path directory, Options options)
    : directory_(std::move(directory)), process_("smtp_sink.py", sink_arguments(directory_, options)) {
  if (!process_.started()) {
    error_ = "the SMTP sink did not start (is python3-aiosmtpd installed for /usr/bin/python3?): " +
             process_.startup_error();
  }
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
    std::istringstream session(read_file(directory_ / (std::to_string(number) + ".session")));
    std::string word;
    while (session >> word) {
      if (word == "connection") session >> message.connection;
      if (word == "peer") session >> message.peer;
    }
    out.push_back(std::move(message));
  }
  return out;
}

int SmtpSink::connections() const { return number_in(directory_ / "connections"); }

int SmtpSink::quits() const { return number_in(directory_ / "quits"); }

}  // namespace kulanz::channels::test
