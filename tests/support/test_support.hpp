#pragma once
// Helpers shared by the test programs: running real tools with /bin/sh, scratch folders, and
// the dependency rule of a module checked on its sources.
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kulanz::test_support {

struct CommandOutput {
  int exit_status = -1;  // the command's exit status, -1 if it could not be started or did not exit normally
  std::string out;       // its standard output
};

// Runs `command` with /bin/sh and collects its standard output.
CommandOutput run_command(const std::string& command);

// A path or text in single quotes for /bin/sh.
std::string shell_quote(std::string_view text);

std::string read_file(const std::filesystem::path& path);

// A fresh folder under the system's temporary folder, removed afterwards unless the test
// failed (then it is kept and its path printed, to look at the files).
class ScratchDir {
 public:
  explicit ScratchDir(std::string_view prefix = "kulanz-test");
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `bytes` to a file in the folder and returns its path.
  std::filesystem::path write(const std::string& name, std::string_view bytes) const;

 private:
  std::filesystem::path path_;
};

// Every `#include "..."` in the .hpp/.cpp files of `dir` whose module (the part before the
// first '/') is not in `allowed`, as "file:line includes \"target\""; `files` counts the
// files read.
std::vector<std::string> include_violations(const std::filesystem::path& dir, const std::set<std::string>& allowed,
                                            int* files = nullptr);

}  // namespace kulanz::test_support
