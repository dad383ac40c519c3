#include "tool_runner.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>

namespace kulanz::documents::test {

namespace {
const char* package_of(std::string_view program) {
  if (program == "zbarimg") return "zbar-tools";
  if (program == "xmllint") return "libxml2-utils";
  return "poppler-utils";
}
}  // namespace

::testing::AssertionResult tools_available(std::initializer_list<const char*> programs) {
  std::string missing;
  for (const char* program : programs) {
    if (run_command(std::string("command -v ") + program + " >/dev/null 2>&1").exit_status != 0) {
      missing += std::string(missing.empty() ? "" : ", ") + program + " (apt install " + package_of(program) + ")";
    }
  }
  if (missing.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "required tool missing: " << missing;
}

std::string pdfinfo(const std::filesystem::path& pdf) {
  return run_command("pdfinfo " + shell_quote(pdf) + " 2>&1").out;
}

int pdf_page_count(const std::filesystem::path& pdf) {
  const std::string info = pdfinfo(pdf);
  const std::size_t pos = info.find("Pages:");
  if (pos == std::string::npos) return -1;
  return std::stoi(info.substr(pos + 6));
}

std::string pdf_text(const std::filesystem::path& pdf, int first, int last) {
  std::string command = "pdftotext -layout -enc UTF-8";
  if (first > 0) command += " -f " + std::to_string(first);
  if (last > 0) command += " -l " + std::to_string(last);
  return run_command(command + " " + shell_quote(pdf) + " -").out;
}

std::string pdf_text_in_area(const std::filesystem::path& pdf, int page, double x_pt, double y_pt, double width_pt,
                             double height_pt) {
  const auto whole = [](double v) { return std::to_string(static_cast<long>(std::lround(v))); };
  return run_command("pdftotext -enc UTF-8 -r 72 -f " + std::to_string(page) + " -l " + std::to_string(page) +
                     " -x " + whole(x_pt) + " -y " + whole(y_pt) + " -W " + whole(width_pt) + " -H " +
                     whole(height_pt) + " " + shell_quote(pdf) + " -")
      .out;
}

std::string decode_qr_on_page(const std::filesystem::path& pdf, int page, const ScratchDir& scratch) {
  const auto prefix = scratch.path() / ("page-" + std::to_string(page));
  const std::string p = std::to_string(page);
  run_command("pdftoppm -r 300 -png -singlefile -f " + p + " -l " + p + " " + shell_quote(pdf) + " " +
              shell_quote(prefix));
  return zbar_decode(prefix.string() + ".png");
}

std::string zbar_decode(const std::filesystem::path& image) {
  return run_command("zbarimg --raw -q -Sbinary " + shell_quote(image) + " 2>/dev/null").out;
}

std::size_t count_of(std::string_view haystack, std::string_view needle) {
  std::size_t count = 0;
  for (std::size_t pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++count;
  }
  return count;
}

}  // namespace kulanz::documents::test
