// Validation of one template: syntax, names against the vocabulary, escaping rules; every
// problem with its file and line, all at once.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "comms/template_check.hpp"
#include "comms/values.hpp"

namespace kulanz::comms {
namespace {

const char* kFile = "de/firm/first_reminder.email.text.mustache";

std::vector<std::string> problems(std::string_view text, Part part = Part::text) {
  std::vector<std::string> out;
  for (const auto& p : check_template(kFile, text, part)) out.push_back(p.to_string());
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

TEST(TemplateCheck, AValidTemplateHasNoProblems) {
  EXPECT_TRUE(problems("{{salutation}},\n\n{{#items}}\n- {{number}}: {{open}} ({{due_date}}, {{customer_number}})\n{{/items}}\n"
                       "{{#has_fees}}Mahnkosten {{fees}}{{/has_fees}}{{^has_fees}}keine Kosten{{/has_fees}}\n"
                       "{{#plan}}{{number}}. {{amount}}{{/plan}}\n{{! a comment }}\n{{{portal_url}}} {{&iban}}\n")
                  .empty());
}

TEST(TemplateCheck, UnknownVariableNamesFileLineSuggestionAndTheKnownNames) {
  auto p = problems("{{salutation}},\n\n\n\n\n\nZu zahlen: {{totl_due}}\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_TRUE(starts_with(p[0], "de/firm/first_reminder.email.text.mustache:7: unknown variable 'totl_due' (did you mean 'total_due'?); known: "))
      << p[0];
  EXPECT_NE(p[0].find("salutation, customer_name, customer_number"), std::string::npos) << p[0];
  EXPECT_NE(p[0].find("portal_url"), std::string::npos);
}

TEST(TemplateCheck, ReportsEveryProblemAtOnceInLineOrder) {
  auto p = problems(
      "{{salutation}}\n"           // 1
      "{{custmer_name}}\n"         // 2: unknown variable
      "{{#itemz}}x{{/itemz}}\n"    // 3: unknown section
      "{{number}}\n"               // 4: a field outside its list
      "{{#items}}\n"               // 5: never closed
      "{{has_fees}} {{plan}}\n");  // 6: a flag and a list used as variables
  ASSERT_EQ(p.size(), 6U) << ::testing::PrintToString(p);
  EXPECT_TRUE(starts_with(p[0], std::string(kFile) + ":2: unknown variable 'custmer_name' (did you mean 'customer_name'?)")) << p[0];
  EXPECT_TRUE(starts_with(p[1], std::string(kFile) + ":3: unknown section 'itemz' (did you mean 'items'?)")) << p[1];
  EXPECT_TRUE(starts_with(p[2], std::string(kFile) + ":4: unknown variable 'number' here: it is a field of several lists; use it inside "
                                                      "{{#items}}...{{/items}} or {{#plan}}...{{/plan}}"))
      << p[2];
  EXPECT_EQ(p[3], std::string(kFile) + ":5: section '{{#items}}' is not closed: add '{{/items}}'");
  EXPECT_EQ(p[4], std::string(kFile) + ":6: 'has_fees' is a yes/no flag: use it as a section, '{{#has_fees}}...{{/has_fees}}'");
  EXPECT_EQ(p[5], std::string(kFile) + ":6: 'plan' is a list: write '{{#plan}}...{{/plan}}' and use its fields inside (number, due_date, amount)");
}

TEST(TemplateCheck, FieldsBelongToTheirList) {
  EXPECT_TRUE(problems("{{#items}}{{issue_date}} {{open}}{{/items}}").empty());
  auto p = problems("{{#plan}}{{open}}{{/plan}}\n{{issue_date}}");
  ASSERT_EQ(p.size(), 2U);
  EXPECT_TRUE(starts_with(p[0], std::string(kFile) + ":1: unknown variable 'open' here: it is a field of the list 'items'; use it inside {{#items}}"))
      << p[0];
  EXPECT_TRUE(starts_with(p[1], std::string(kFile) + ":2: unknown variable 'issue_date' here")) << p[1];
}

TEST(TemplateCheck, SyntaxErrors) {
  auto unclosed = problems("ok\n{{salutation");
  ASSERT_EQ(unclosed.size(), 1U);
  EXPECT_EQ(unclosed[0], std::string(kFile) + ":2: '{{' is not closed: a tag ends with '}}'");

  auto stray = problems("a\n{{/items}}");
  ASSERT_EQ(stray.size(), 1U);
  EXPECT_EQ(stray[0], std::string(kFile) + ":2: '{{/items}}' closes a section that is not open");

  auto crossed = problems("{{#items}}\n{{#has_fees}}\n{{/items}}\n{{/has_fees}}");
  ASSERT_EQ(crossed.size(), 2U) << ::testing::PrintToString(crossed);
  EXPECT_EQ(crossed[0], std::string(kFile) + ":2: section '{{#has_fees}}' is not closed before '{{/items}}' (line 3): add '{{/has_fees}}'");
  EXPECT_EQ(crossed[1], std::string(kFile) + ":4: '{{/has_fees}}' closes a section that is not open");

  auto empty = problems("x {{}} y");
  ASSERT_EQ(empty.size(), 1U);
  EXPECT_EQ(empty[0], std::string(kFile) + ":1: empty tag '{{}}': write a variable name between the braces");

  auto triple = problems("{{{iban}}");
  ASSERT_EQ(triple.size(), 1U);
  EXPECT_EQ(triple[0], std::string(kFile) + ":1: '{{{' is not closed: it ends with '}}}'");
}

TEST(TemplateCheck, PartialsAndDelimiterChangesAreRefused) {
  auto p = problems("{{> footer}}\n{{=<% %>=}}\n<%salutation%>");
  ASSERT_EQ(p.size(), 2U);
  EXPECT_EQ(p[0], std::string(kFile) + ":1: partials ('{{>footer}}') are not supported: write the text into this file");
  EXPECT_EQ(p[1], std::string(kFile) + ":2: changing the delimiters ('{{=...=}}') is not supported: keep '{{' and '}}'");
}

TEST(TemplateCheck, HtmlPartsAlwaysEscape) {
  auto p = check_template("de/firm/x.email.html.mustache", "<p>{{{customer_name}}}</p>\n<p>{{& iban}}</p>", Part::html);
  ASSERT_EQ(p.size(), 2U);
  EXPECT_EQ(p[0].to_string(),
            "de/firm/x.email.html.mustache:1: '{{{customer_name}}}' is not allowed in an HTML part: values are always HTML-escaped "
            "there; write '{{customer_name}}'");
  EXPECT_EQ(p[1].line, 2);
  // The same in a plain-text part is fine: nothing is escaped there anyway.
  EXPECT_TRUE(check_template("de/firm/x.email.text.mustache", "{{{customer_name}}} {{& iban}}", Part::text).empty());
}

TEST(TemplateCheck, InvalidUtf8IsReportedWithItsLine) {
  auto p = problems("gut\nM\xFCller\n");  // Latin-1 ü
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0], std::string(kFile) + ":2: the file is not valid UTF-8; save it as UTF-8");
}

TEST(TemplateCheck, ProblemWithoutLineNamesOnlyTheFile) {
  TemplateProblem p{"de/firm/x.sms.text.mustache", 0, "missing"};
  EXPECT_EQ(p.to_string(), "de/firm/x.sms.text.mustache: missing");
}

TEST(Vocabulary, NamesAreUniqueAndDocumented) {
  for (const auto& v : vocabulary()) {
    EXPECT_FALSE(v.meaning.empty()) << v.name;
    if (v.kind == VariableKind::field) {
      EXPECT_EQ(find_field(v.list, v.name), &v);
      ASSERT_NE(find_variable(v.list), nullptr);
      EXPECT_EQ(find_variable(v.list)->kind, VariableKind::list);
    } else {
      EXPECT_EQ(find_variable(v.name), &v) << v.name;
    }
  }
  EXPECT_EQ(find_variable("number"), nullptr);
  EXPECT_EQ(find_variable("portal_url")->kind, VariableKind::text);
  EXPECT_EQ(find_variable("default_notice")->kind, VariableKind::flag);
  EXPECT_EQ(find_variable("items")->kind, VariableKind::list);
}

// docs/TEMPLATES.md documents every variable of the vocabulary.
TEST(Vocabulary, EveryVariableIsDocumented) {
  std::ifstream in(std::string(KULANZ_SOURCE_DIR) + "/docs/TEMPLATES.md");
  ASSERT_TRUE(in);
  std::stringstream doc;
  doc << in.rdbuf();
  for (const auto& v : vocabulary()) {
    std::string row = v.kind == VariableKind::field ? "| `" + std::string(v.list) + "` → `" + std::string(v.name) + "` | field |"
                                                    : "| `" + std::string(v.name) + "` | " + std::string(to_string(v.kind)) + " |";
    EXPECT_NE(doc.str().find(row), std::string::npos) << row;
  }
}

}  // namespace
}  // namespace kulanz::comms
