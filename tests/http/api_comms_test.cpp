// The creditor's message texts and profile over the API: listed, read, changed as a checked
// set (every problem with file and line, nothing saved), kept per creditor; the profile
// changed field by field with IBAN, BIC, colour and logo checked.
#include <boost/json.hpp>

#include "api_test_server.hpp"

namespace kulanz::testing {
namespace {

namespace json = boost::json;

class ApiCommsTest : public ApiServerTest {};

constexpr const char* kSubject = "de/friendly/first_reminder.email.subject.mustache";

bool listed(const json::value& list, const std::string& path, bool own) {
  for (const auto& item : list.at("items").as_array()) {
    if (str(item, "path") == path) return item.at("own").as_bool() == own;
  }
  return false;
}

TEST_F(ApiCommsTest, TemplatesAreReadChangedAsACheckedSetAndKeptPerCreditor) {
  auto list = client().get("/api/v1/templates", acme_key_);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_GE(list.json().at("items").as_array().size(), 384u);
  EXPECT_TRUE(listed(list.json(), kSubject, false));

  auto text = client().get(std::string("/api/v1/templates/text?path=") + kSubject, acme_key_);
  ASSERT_EQ(text.status, 200) << text.body;
  EXPECT_FALSE(str(text.json(), "text").empty()) << text.body;
  EXPECT_FALSE(text.json().at("own").as_bool());
  expect_problem(client().get("/api/v1/templates/text?path=de/x.mustache", acme_key_), 404, 1002, "path");
  expect_problem(client().get("/api/v1/templates/text", acme_key_), 422, 2009, "path");

  // Two problems in one change: both reported with their file and line, nothing saved.
  auto bad = client().put_json("/api/v1/templates", acme_key_,
                               R"({"changes": {"de/friendly/first_reminder.email.subject.mustache": "Hallo {{nme}}",
                                   "de/friendly/first_reminder.sms.text.mustache": "ok\n{{#items}}"}})");
  auto problem = expect_problem(bad, 422, 8005);
  ASSERT_EQ(problem.at("errors").as_array().size(), 2u) << bad.body;
  EXPECT_NE(bad.body.find("first_reminder.email.subject.mustache:1: unknown variable 'nme'"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("first_reminder.sms.text.mustache:2"), std::string::npos) << bad.body;
  EXPECT_TRUE(listed(client().get("/api/v1/templates", acme_key_).json(), kSubject, false)) << "nothing was saved";

  auto good = client().put_json("/api/v1/templates", acme_key_,
                                R"({"changes": {"de/friendly/first_reminder.email.subject.mustache": "Kurze Erinnerung {{item_numbers}}"}})");
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_TRUE(listed(good.json(), kSubject, true));
  EXPECT_EQ(str(client().get(std::string("/api/v1/templates/text?path=") + kSubject, acme_key_).json(), "text"),
            "Kurze Erinnerung {{item_numbers}}");
  EXPECT_TRUE(listed(client().get("/api/v1/templates", zeta_key_).json(), kSubject, false)) << "another creditor keeps the shipped text";

  auto reset = client().put_json("/api/v1/templates", acme_key_, R"({"changes": {"de/friendly/first_reminder.email.subject.mustache": null}})");
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_TRUE(listed(reset.json(), kSubject, false));
  expect_problem(client().put_json("/api/v1/templates", acme_key_, R"({"changes": {}})"), 422, 2009, "changes");
  expect_problem(client().put_json("/api/v1/templates", acme_key_, R"({"change": {}})"), 422, 5014, "change");
}

TEST_F(ApiCommsTest, ProfileChangesOnlyTheFieldsGivenAndChecksThem) {
  auto empty = client().get("/api/v1/creditor/profile", acme_key_);
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(str(empty.json(), "iban"), "");
  EXPECT_TRUE(empty.json().at("logo_png_base64").is_null());

  auto set = client().put_json("/api/v1/creditor/profile", acme_key_,
                               R"({"legal_name": "Acme Stadtwerke GmbH", "city": "München", "iban": "de89 3704 0044 0532 0130 00",
                                   "bic": "cobadeffxxx", "logo_png_base64": "iVBORw0KGgoAAAANSUhEUg=="})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(str(set.json(), "iban"), "DE89370400440532013000");
  EXPECT_EQ(str(set.json(), "bic"), "COBADEFFXXX");
  EXPECT_EQ(str(set.json(), "city"), "München");
  EXPECT_EQ(str(set.json(), "logo_png_base64"), "iVBORw0KGgoAAAANSUhEUg==");

  auto more = client().put_json("/api/v1/creditor/profile", acme_key_, R"({"phone": "089 1234"})");
  ASSERT_EQ(more.status, 200) << more.body;
  EXPECT_EQ(str(more.json(), "city"), "München") << "fields not given keep their value";
  EXPECT_EQ(str(more.json(), "phone"), "089 1234");

  expect_problem(client().put_json("/api/v1/creditor/profile", acme_key_, R"({"iban": "DE89370400440532013001"})"), 422, 8001, "iban");
  expect_problem(client().put_json("/api/v1/creditor/profile", acme_key_, R"({"bic": "COBA"})"), 422, 8002, "bic");
  expect_problem(client().put_json("/api/v1/creditor/profile", acme_key_, R"({"brand_color": "blue"})"), 422, 2008, "brand_color");
  expect_problem(client().put_json("/api/v1/creditor/profile", acme_key_, R"({"logo_png_base64": "R0lGODlh"})"), 422, 2008,
                 "logo_png_base64");
  expect_problem(client().put_json("/api/v1/creditor/profile", acme_key_, R"({"colour": "#000000"})"), 422, 5014, "colour");
  EXPECT_EQ(str(client().get("/api/v1/creditor/profile", acme_key_).json(), "iban"), "DE89370400440532013000")
      << "a refused change saves nothing";
  EXPECT_EQ(str(client().get("/api/v1/creditor/profile", zeta_key_).json(), "city"), "") << "another creditor's profile";
}

}  // namespace
}  // namespace kulanz::testing
