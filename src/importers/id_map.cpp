#include "importers/id_map.hpp"

namespace kulanz::importers {

std::uint64_t hash_id(std::string_view id) {
  // Eight bytes at a time, multiplied and folded; finished with the splitmix64 mixer so
  // that the low bits (the slot index) depend on every byte.
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0x243F6A8885A308D3ull ^ id.size();
  std::size_t i = 0;
  for (; i + 8 <= id.size(); i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, id.data() + i, 8);
    h = (h ^ chunk) * kMul;
    h ^= h >> 29;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, id.data() + i, id.size() - i);
  h = (h ^ tail) * kMul;
  h ^= h >> 30;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 27;
  h *= 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}

}  // namespace kulanz::importers
