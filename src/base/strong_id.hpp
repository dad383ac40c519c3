#pragma once
#include <compare>
#include <cstdint>
#include <functional>

namespace kulanz::base {

// A database id that cannot be confused with another kind of id.
template <class Tag>
struct StrongId {
  std::int64_t value = 0;
  constexpr StrongId() = default;
  constexpr explicit StrongId(std::int64_t v) : value(v) {}
  constexpr bool valid() const { return value > 0; }
  friend constexpr auto operator<=>(StrongId, StrongId) = default;
};

}  // namespace kulanz::base

template <class Tag>
struct std::hash<kulanz::base::StrongId<Tag>> {
  std::size_t operator()(kulanz::base::StrongId<Tag> id) const noexcept { return std::hash<std::int64_t>{}(id.value); }
};
