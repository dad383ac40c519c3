// The text form of a customer's contacts (customers.contacts), without a database.
#include <gtest/gtest.h>

#include "store/contacts_text.hpp"

namespace kulanz::store_test {
namespace {

using domain::Channel;
using domain::Contact;

TEST(ContactsText, RoundTripsEveryCharacter) {
  std::vector<Contact> contacts = {{Channel::email, "jürgen@bäckerei.example", true, false},
                                   {Channel::sms, "+4915112345678", false, true},
                                   {Channel::letter, "", true, true},
                                   {Channel::phone, std::string("a\"b\\c\nd\te") + char(1) + " 😀", false, false}};
  auto text = store::encode_contacts(contacts);
  EXPECT_EQ(text.find('\n'), std::string::npos);
  auto back = store::decode_contacts(text);
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  ASSERT_EQ(back->size(), contacts.size());
  for (std::size_t k = 0; k < contacts.size(); ++k) {
    EXPECT_EQ((*back)[k].channel, contacts[k].channel);
    EXPECT_EQ((*back)[k].address, contacts[k].address);
    EXPECT_EQ((*back)[k].consent, contacts[k].consent);
    EXPECT_EQ((*back)[k].invalid, contacts[k].invalid);
  }
  EXPECT_EQ(store::encode_contacts({}), "[]");
  EXPECT_TRUE(store::decode_contacts("[]")->empty());
}

TEST(ContactsText, ReadsEscapesAndWhitespace) {
  auto back = store::decode_contacts(
      " [ { \"channel\" : \"email\", \"address\" : \"M\\u00fcller\\ud83d\\ude00\\/x\", \"consent\" : true } ] ");
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].address, "Müller😀/x");
  EXPECT_TRUE((*back)[0].consent);
  EXPECT_FALSE((*back)[0].invalid);
}

TEST(ContactsText, RejectsWhatItDidNotWrite) {
  for (const char* bad : {"", "{}", "[", "[{]", "[{\"channel\":\"fax\"}]", "[{\"colour\":\"red\"}]",
                          "[{\"consent\":yes}]", "[{\"address\":\"\\ud83d\"}]", "[] x"}) {
    auto r = store::decode_contacts(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, base::ErrorCode::db_error) << bad;
    EXPECT_EQ(r.error().field, "contacts");
  }
}

}  // namespace
}  // namespace kulanz::store_test
