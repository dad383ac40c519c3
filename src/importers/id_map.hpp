#pragma once
// IdMap<V>: external id (text) -> small value, for checking a million ids of an import
// file against each other and against the database. Open addressing over one slot array,
// the id bytes appended to one arena: no allocation per id and one cache miss per
// lookup in the common case, where std::unordered_map<std::string, V> allocates a node
// and a string for each id and chases pointers. Exact: ids are compared byte for byte.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace kulanz::importers {

std::uint64_t hash_id(std::string_view id);

template <class V>
class IdMap {
  static_assert(std::is_trivially_copyable_v<V>);

 public:
  IdMap() { rehash(64); }

  void reserve(std::size_t n) {
    if (n * 10 > slots_.size() * 7) rehash(round_up(n * 10 / 7 + 1));
  }
  std::size_t size() const { return size_; }

  // Inserts id -> value unless id is present. Returns {pointer to the stored value, inserted}.
  std::pair<V*, bool> try_emplace(std::string_view id, V value) {
    if ((size_ + 1) * 10 > slots_.size() * 7) rehash(slots_.size() * 2);
    const std::uint64_t h = hash_id(id);
    std::size_t i = h & mask_;
    for (;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (!s.used) {
        s.used = true;
        s.hash = h;
        s.offset = arena_.size();
        s.length = static_cast<std::uint32_t>(id.size());
        s.value = value;
        arena_.append(id.data(), id.size());
        ++size_;
        return {&s.value, true};
      }
      if (s.hash == h && key(s) == id) return {&s.value, false};
    }
  }

  const V* find(std::string_view id) const {
    const std::uint64_t h = hash_id(id);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (!s.used) return nullptr;
      if (s.hash == h && key(s) == id) return &s.value;
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::size_t offset = 0;
    std::uint32_t length = 0;
    bool used = false;
    V value{};
  };

  static std::size_t round_up(std::size_t n) {
    std::size_t p = 64;
    while (p < n) p *= 2;
    return p;
  }
  std::string_view key(const Slot& s) const { return std::string_view(arena_.data() + s.offset, s.length); }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (const Slot& s : old) {
      if (!s.used) continue;
      std::size_t i = s.hash & mask_;
      while (slots_[i].used) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::string arena_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace kulanz::importers
