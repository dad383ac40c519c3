#pragma once
// Result<T>: a value or an Error, spelled like std::expected (which GCC 12 lacks in C++20).
#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "base/error.hpp"

namespace kulanz::base {

template <class E>
class Unexpected {
 public:
  explicit Unexpected(E e) : error_(std::move(e)) {}
  E& error() & { return error_; }
  E&& error() && { return std::move(error_); }

 private:
  E error_;
};

inline Unexpected<Error> fail(ErrorCode code, std::string detail = {}, std::string field = {}) {
  return Unexpected<Error>(Error(code, std::move(detail), std::move(field)));
}
inline Unexpected<Error> fail(Error e) { return Unexpected<Error>(std::move(e)); }

template <class T>
class [[nodiscard]] Result {
 public:
  using value_type = T;
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  template <class U, class = std::enable_if_t<std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, Result>>>
  Result(U&& value) : v_(std::in_place_index<0>, T(std::forward<U>(value))) {}  // NOLINT
  Result(Unexpected<Error> e) : v_(std::in_place_index<1>, std::move(e).error()) {}  // NOLINT

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { assert(has_value()); return std::get<0>(v_); }
  const T& value() const& { assert(has_value()); return std::get<0>(v_); }
  // By value: `for (auto& x : f().value())` must not refer into a destroyed temporary.
  T value() && { assert(has_value()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { assert(!has_value()); return std::get<1>(v_); }
  Error error() && { assert(!has_value()); return std::get<1>(std::move(v_)); }

  template <class U>
  T value_or(U&& fallback) const& { return has_value() ? value() : T(std::forward<U>(fallback)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Unexpected<Error> e) : error_(std::move(e).error()), ok_(false) {}  // NOLINT
  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  void value() const { assert(ok_); }
  const Error& error() const& { assert(!ok_); return error_; }
  Error error() && { assert(!ok_); return std::move(error_); }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace kulanz::base

// Propagates an error from an expression returning Result<...>; evaluates to nothing.
#define KULANZ_TRY_STATUS(expr)                                      \
  do {                                                               \
    auto kulanz_try_r_ = (expr);                                     \
    if (!kulanz_try_r_) return ::kulanz::base::fail(std::move(kulanz_try_r_).error()); \
  } while (0)

// Declares `var` with the value of an expression returning Result<T>, or propagates its
// error: KULANZ_TRY(file, parse(text));
#define KULANZ_TRY_CAT2_(a, b) a##b
#define KULANZ_TRY_CAT_(a, b) KULANZ_TRY_CAT2_(a, b)
#define KULANZ_TRY(var, expr) KULANZ_TRY_IMPL_(var, expr, KULANZ_TRY_CAT_(kulanz_try_v_, __LINE__))
#define KULANZ_TRY_IMPL_(var, expr, tmp)                                    \
  auto tmp = (expr);                                                        \
  if (!tmp) return ::kulanz::base::fail(std::move(tmp).error());            \
  auto var = std::move(tmp).value()
