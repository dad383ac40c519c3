#pragma once
// What a file from outside really is, judged by its bytes (never by its name or a
// declared content type): PDF, JPEG or PNG, each checked for its signature at the start
// and its end marker at the end, so that a renamed text file or a truncated upload is
// refused. Pure: bytes in, verdict out.
#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace kulanz::documents {

enum class FileType { pdf, jpeg, png };
std::string_view content_type(FileType t);  // application/pdf, image/jpeg, image/png
std::string_view extension(FileType t);     // .pdf, .jpg, .png

// The type of `bytes` if it is one of `accepted` (a combination of FileType bits, see
// below) and at most `max_bytes` long; otherwise document_type_invalid (naming what the
// bytes look like and what is accepted) or document_too_large.
inline constexpr unsigned kAcceptPdf = 1, kAcceptJpeg = 2, kAcceptPng = 4;
base::Result<FileType> check_file(std::string_view bytes, unsigned accepted, std::size_t max_bytes);

}  // namespace kulanz::documents
