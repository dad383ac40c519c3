#pragma once
// Message templates: the shipped default texts, overlaid per creditor, resolved through the
// fallback chain and rendered with the fixed vocabulary (docs/TEMPLATES.md).
//
// A message is identified by (template name, channel, language, tone); its parts are files
// `<language>/<tone>/<template>.<channel>.<part>.mustache`. Resolution tries
// (language, tone) -> (language, neutral) -> (en, neutral) and takes the first step that has
// the message; every part comes from that one step.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "comms/message.hpp"
#include "comms/sms.hpp"
#include "comms/template_check.hpp"
#include "comms/values.hpp"

namespace kulanz::comms {

// A template file given in memory: its path relative to the template root and its text.
// Neither is kept by reference: a TemplateSet copies what it takes.
struct TemplateFile {
  std::string_view path;  // "de/friendly/first_reminder.email.subject.mustache"
  std::string_view text;
};

// One part of a rendered message and the file it came from (for the contact history).
struct UsedTemplate {
  Part part = Part::text;
  std::string path;             // "de/neutral/first_reminder.email.text.mustache"
  bool creditor_text = false;   // from the creditor's overlay, not the shipped default
};

struct RenderedMessage {
  MessageKey key;                        // as asked for
  Language language = Language::de;      // the step of the fallback chain used
  Tone tone = Tone::neutral;
  bool fell_back = false;                // language or tone differ from the key's
  std::string subject;                   // email, letter
  std::string html;                      // email (escaped values)
  std::string text;                      // email, sms, call (values as they are)
  std::string body;                      // letter: paragraphs separated by empty lines
  std::vector<UsedTemplate> used;        // one per part, in the channel's part order
  std::optional<SmsInfo> sms;            // sms: length of `text` in characters and segments
};

// The (language, tone) step a message resolves to, and its files.
struct Resolution {
  Language language = Language::de;
  Tone tone = Tone::neutral;
  std::vector<UsedTemplate> files;
};

class TemplateSet {
 public:
  TemplateSet() = default;  // empty: every message is template_missing

  // The shipped defaults (data/templates/, compiled in). Fails only if the shipped texts are
  // broken, which the test suite rules out.
  static base::Result<TemplateSet> shipped();

  // A set of exactly these files. Every problem is reported at once: template_invalid with
  // one `FILE:LINE: message` per line in the detail (and the first in the error's location):
  // bad paths, syntax, unknown names, escaping rules, empty files, duplicate paths, and a
  // message with some but not all parts of its channel.
  static base::Result<TemplateSet> from_files(std::span<const TemplateFile> files);

  // This set with the creditor's files laid over it: each file replaces the part with the
  // same path (or adds it); a file whose text is empty or only white space removes that
  // part, so that the message falls back along the chain. Validated like from_files; a
  // message left with only some of its parts is an error.
  base::Result<TemplateSet> overlay(std::span<const TemplateFile> files) const;

  // template_missing when no step of the chain has the message (the detail names the key
  // and the files looked for).
  base::Result<Resolution> resolve(const MessageKey& key) const;
  base::Result<RenderedMessage> render(const MessageKey& key, const Values& values) const;

  bool contains(std::string_view path) const;
  // The text of a part, or nullptr.
  const std::string* text(std::string_view path) const;
  std::vector<std::string> paths() const;  // sorted
  std::size_t size() const { return files_.size(); }

 private:
  struct Entry {
    std::shared_ptr<const std::string> text;
    bool creditor_text = false;
  };
  using Files = std::map<std::string, Entry, std::less<>>;

  static base::Result<TemplateSet> build(Files files, std::vector<TemplateProblem> problems);
  static std::vector<TemplateProblem> check_file(const TemplateFile& file, std::optional<TemplatePath>& parsed);

  Files files_;
};

// Joins problems into the template_invalid error described at from_files.
base::Error template_error(const std::vector<TemplateProblem>& problems);

}  // namespace kulanz::comms
