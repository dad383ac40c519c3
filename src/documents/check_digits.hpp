#pragma once
// Internal helpers shared by the IBAN, BIC and RF code: ISO 7064 MOD 97-10 over
// alphanumeric text, and the compaction of text typed with spaces. Not part of the
// module's public interface.
#include <optional>
#include <string>
#include <string_view>

namespace kulanz::documents::detail {

// Remainder modulo 97 of the number written by `alnum`, where digits stand for themselves
// and the letters A..Z for 10..35 (ISO 7064 MOD 97-10 as ISO 13616 and ISO 11649 use it).
// `alnum` must hold only 0-9 and A-Z.
int mod97(std::string_view alnum);

// The 1-based position (in `text` as typed) of the first character that is neither an
// ASCII letter, a digit, a space nor a tab; nullopt when there is none.
std::optional<std::size_t> first_foreign_char(std::string_view text);

// `text` without spaces and tabs, ASCII letters upper-cased.
std::string compact_upper(std::string_view text);

// "'-' at position 5" or "a non-ASCII character at position 5": for error details.
std::string describe_char_at(std::string_view text, std::size_t position);

// `compact` in groups of four separated by one space ("DE89 3704 0044 ...").
std::string group_by_four(std::string_view compact);

bool is_upper_letter(char c);
bool is_digit(char c);
bool is_upper_alnum(char c);

}  // namespace kulanz::documents::detail
