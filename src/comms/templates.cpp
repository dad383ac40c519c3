#include "comms/templates.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "comms/kainjow.hpp"
#include "comms/mustache_data.hpp"
#include "comms/shipped_templates.hpp"
#include "comms/text_output.hpp"

namespace kulanz::comms {
namespace {

using base::ErrorCode;

bool is_blank_text(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string step_name(Language language, Tone tone) {
  return std::string(domain::to_string(language)) + "/" + std::string(to_string(tone));
}

std::string join_parts(const std::vector<Part>& parts) {
  std::string out;
  for (Part p : parts) {
    if (!out.empty()) out += ", ";
    out += to_string(p);
  }
  return out;
}

// A message of one step: (language, tone, template, channel).
using MessageId = std::tuple<Language, Tone, std::string, Channel>;

}  // namespace

base::Error template_error(const std::vector<TemplateProblem>& problems) {
  std::string detail;
  for (const auto& p : problems) {
    if (!detail.empty()) detail += '\n';
    detail += p.to_string();
  }
  base::Error error(ErrorCode::template_invalid, std::move(detail), "template");
  if (!problems.empty()) {
    const auto& first = problems.front();
    error.location = first.line > 0 ? first.file + ":" + std::to_string(first.line) : first.file;
  }
  return error;
}

std::vector<TemplateProblem> TemplateSet::check_file(const TemplateFile& file, std::optional<TemplatePath>& parsed) {
  auto path = parse_template_path(file.path);
  if (!path) return {TemplateProblem{std::string(file.path), 0, path.error().detail}};
  parsed = *path;
  return check_template(file.path, file.text, path->part);
}

base::Result<TemplateSet> TemplateSet::from_files(std::span<const TemplateFile> files) {
  Files map;
  std::vector<TemplateProblem> problems;
  for (const auto& file : files) {
    std::optional<TemplatePath> parsed;
    auto found = check_file(file, parsed);
    problems.insert(problems.end(), found.begin(), found.end());
    if (!parsed) continue;
    if (map.count(file.path) != 0) {
      problems.push_back({std::string(file.path), 0, "given twice; keep one of them"});
      continue;
    }
    if (is_blank_text(file.text)) {
      problems.push_back({std::string(file.path), 0, "the file is empty; write the text of this part"});
      continue;
    }
    map.emplace(std::string(file.path), Entry{std::make_shared<const std::string>(file.text), false});
  }
  return build(std::move(map), std::move(problems));
}

base::Result<TemplateSet> TemplateSet::overlay(std::span<const TemplateFile> files) const {
  Files map = files_;
  std::vector<TemplateProblem> problems;
  std::set<std::string_view> seen;
  for (const auto& file : files) {
    if (!seen.insert(file.path).second) {
      problems.push_back({std::string(file.path), 0, "given twice; keep one of them"});
      continue;
    }
    if (is_blank_text(file.text)) {
      auto path = parse_template_path(file.path);
      if (!path) {
        problems.push_back({std::string(file.path), 0, path.error().detail});
      } else if (auto it = map.find(file.path); it != map.end()) {
        map.erase(it);
      }
      continue;
    }
    std::optional<TemplatePath> parsed;
    auto found = check_file(file, parsed);
    problems.insert(problems.end(), found.begin(), found.end());
    if (!parsed) continue;
    map.insert_or_assign(std::string(file.path), Entry{std::make_shared<const std::string>(file.text), true});
  }
  return build(std::move(map), std::move(problems));
}

base::Result<TemplateSet> TemplateSet::build(Files files, std::vector<TemplateProblem> problems) {
  // Every message present in a step must have all the parts of its channel.
  std::map<MessageId, std::vector<Part>> messages;
  for (const auto& [path, entry] : files) {
    auto parsed = parse_template_path(path);
    if (!parsed) continue;  // not reachable: only parsed paths are kept
    messages[{parsed->language, parsed->tone, parsed->template_name, parsed->channel}].push_back(parsed->part);
  }
  for (const auto& [id, present] : messages) {
    const auto& [language, tone, name, channel] = id;
    auto needed = parts_of(channel);
    for (Part part : needed) {
      if (std::find(present.begin(), present.end(), part) != present.end()) continue;
      problems.push_back({template_path(name, channel, part, language, tone), 0,
                          "missing: the " + std::string(to_string(channel)) + " message '" + name + "' in " +
                              step_name(language, tone) + " needs all of " + join_parts(needed) + " (found: " +
                              join_parts(present) + "); add this part or remove the others"});
    }
  }
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) { return a.file < b.file; });
    return base::fail(template_error(problems));
  }
  TemplateSet set;
  set.files_ = std::move(files);
  return set;
}

base::Result<TemplateSet> TemplateSet::shipped() { return from_files(shipped_template_files()); }

bool TemplateSet::contains(std::string_view path) const { return files_.find(path) != files_.end(); }

const std::string* TemplateSet::text(std::string_view path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : it->second.text.get();
}

std::vector<std::string> TemplateSet::paths() const {
  std::vector<std::string> out;
  out.reserve(files_.size());
  for (const auto& [path, entry] : files_) out.push_back(path);
  return out;
}

base::Result<Resolution> TemplateSet::resolve(const MessageKey& key) const {
  if (!is_template_name(key.template_name)) {
    return base::fail(ErrorCode::template_missing,
                      "'" + key.template_name + "' is not a template name (1 to 64 letters, digits, '_', '-' or '.')", "template");
  }
  auto parts = parts_of(key.channel);
  std::string looked_for;
  for (auto [language, tone] : fallback_chain(key.language, key.tone)) {
    Resolution resolution{language, tone, {}};
    for (Part part : parts) {
      std::string path = template_path(key.template_name, key.channel, part, language, tone);
      auto it = files_.find(path);
      if (it == files_.end()) break;
      resolution.files.push_back({part, std::move(path), it->second.creditor_text});
    }
    if (resolution.files.size() == parts.size()) return resolution;
    if (!looked_for.empty()) looked_for += ", ";
    looked_for += step_name(language, tone) + "/" + key.template_name + "." + std::string(to_string(key.channel)) + ".*";
  }
  return base::fail(ErrorCode::template_missing,
                    "no " + std::string(to_string(key.channel)) + " template '" + key.template_name + "' for " +
                        step_name(key.language, key.tone) + "; looked for " + looked_for,
                    "template");
}

base::Result<RenderedMessage> TemplateSet::render(const MessageKey& key, const Values& values) const {
  KULANZ_TRY(resolution, resolve(key));
  const kainjow::mustache::data data = to_mustache_data(values);
  RenderedMessage out;
  out.key = key;
  out.language = resolution.language;
  out.tone = resolution.tone;
  out.fell_back = resolution.language != key.language || resolution.tone != key.tone;
  for (const auto& used : resolution.files) {
    kainjow::mustache::mustache tmpl{mark_section_lines(*files_.find(used.path)->second.text)};
    // Only HTML parts escape; plain text, SMS, letters and call scripts show values as they are.
    if (!is_html(used.part)) tmpl.set_custom_escape([](const std::string& s) { return s; });
    std::string rendered = tmpl.render(data);
    if (!tmpl.is_valid()) {
      return base::fail(ErrorCode::template_invalid, used.path + ": " + tmpl.error_message(), "template");
    }
    std::string tidy = tidy_output(drop_marked_lines(rendered), used.part);
    switch (used.part) {
      case Part::subject: out.subject = std::move(tidy); break;
      case Part::html: out.html = std::move(tidy); break;
      case Part::text: out.text = std::move(tidy); break;
      case Part::body: out.body = std::move(tidy); break;
    }
  }
  out.used = std::move(resolution.files);
  if (key.channel == Channel::sms) out.sms = measure_sms(out.text);
  return out;
}

}  // namespace kulanz::comms
