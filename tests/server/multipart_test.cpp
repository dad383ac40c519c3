// multipart/form-data as browsers send forms with files: fields and files, quoted names
// with escapes, binary data with CR LF inside, and malformed bodies refused.
#include <gtest/gtest.h>

#include "http/message.hpp"
#include "http/multipart.hpp"

namespace kulanz::http {
namespace {

const std::string kBoundary = "----WebKitFormBoundaryx8Qm1ZbA";

std::string body_of(const std::vector<std::string>& parts) {
  std::string b;
  for (const auto& p : parts) b += "--" + kBoundary + "\r\n" + p + "\r\n";
  return b + "--" + kBoundary + "--\r\n";
}

TEST(Multipart, BoundaryFromTheContentType) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + kBoundary), kBoundary);
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data;boundary=\"a b;c\""), "a b;c");
  EXPECT_EQ(multipart_boundary("application/x-www-form-urlencoded"), "");
  EXPECT_EQ(multipart_boundary("multipart/form-data"), "");
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')), "");
}

TEST(Multipart, FieldsAndFilesWithBinaryData) {
  static const char raw[] = "%PDF-1.4\r\n\x00\xff\r\n--not-the-boundary\r\n%%EOF";
  const std::string pdf(raw, sizeof(raw) - 1);
  auto parts = parse_multipart(
      body_of({"Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc",
               "Content-Disposition: form-data; name=\"message\"\r\n\r\nZeile 1\r\nZeile 2",
               "Content-Disposition: form-data; name=\"files\"; filename=\"Beleg \\\"Mai\\\";1.pdf\"\r\n"
               "Content-Type: application/pdf\r\n\r\n" + pdf,
               "content-disposition: form-data; name=\"files\"; filename=\"\"\r\n"
               "Content-Type: application/octet-stream\r\n\r\n"}),
      kBoundary);
  ASSERT_TRUE(parts.has_value()) << parts.error().to_string();
  ASSERT_EQ(parts->size(), 4u);
  EXPECT_EQ((*parts)[0].name, "csrf_token");
  EXPECT_FALSE((*parts)[0].is_file);
  EXPECT_EQ((*parts)[0].data, "abc");
  EXPECT_EQ((*parts)[1].data, "Zeile 1\r\nZeile 2");
  EXPECT_TRUE((*parts)[2].is_file);
  EXPECT_EQ((*parts)[2].filename, "Beleg \"Mai\";1.pdf");
  EXPECT_EQ((*parts)[2].content_type, "application/pdf");
  EXPECT_EQ((*parts)[2].data, pdf);
  EXPECT_TRUE((*parts)[3].is_file);
  EXPECT_EQ((*parts)[3].filename, "");
  EXPECT_EQ((*parts)[3].data, "");

  // The request's form() sees the plain fields of a multipart body.
  Request r;
  r.headers["content-type"] = "multipart/form-data; boundary=" + kBoundary;
  r.body = body_of({"Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc",
                    "Content-Disposition: form-data; name=\"f\"; filename=\"a.png\"\r\n\r\nPNG"});
  EXPECT_TRUE(r.is_multipart());
  auto form = r.form();
  EXPECT_EQ(form.size(), 1u);
  EXPECT_EQ(form.find("csrf_token")->second, "abc");
}

TEST(Multipart, MalformedBodiesAreRefused) {
  auto refused = [](const std::string& body) {
    auto r = parse_multipart(body, kBoundary);
    return !r.has_value() && r.error().code == base::ErrorCode::invalid_argument;
  };
  EXPECT_TRUE(refused("no boundary at all"));
  EXPECT_TRUE(refused("--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nnever closed"));
  EXPECT_TRUE(refused(body_of({"Content-Type: text/plain\r\n\r\nno disposition"})));
  EXPECT_TRUE(refused(body_of({"Content-Disposition: attachment; name=\"a\"\r\n\r\nx"})));
  EXPECT_TRUE(refused(body_of({"Content-Disposition: form-data; filename=\"a\"\r\n\r\nno name"})));
  EXPECT_TRUE(refused(body_of({"Content-Disposition form-data\r\n\r\nno colon"})));
  EXPECT_TRUE(refused("--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n" + std::string(9000, 'x')));
  std::vector<std::string> many(kMaxFormParts + 1, "Content-Disposition: form-data; name=\"a\"\r\n\r\nx");
  EXPECT_TRUE(refused(body_of(many)));
  EXPECT_TRUE(parse_multipart(body_of({}), kBoundary).has_value()) << "an empty form";
}

}  // namespace
}  // namespace kulanz::http
