#pragma once
// The test pattern: the bytes every scripted sender writes and every receiver checks
// (hand-made segments carry it too, so that a receiver that takes one finds what it expects).
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace synack::host {

// The byte a sender writes at stream offset i.
inline uint8_t pattern_byte(uint64_t i) { return static_cast<uint8_t>('a' + (i % 26)); }
// The pattern repeated from every one of its 26 phases: the bytes from offset `offset`
// on are kPatternRun + offset % 26, so they are made and checked a block at a time
// (memcpy, memcmp), where a counter per byte was a fifth of a bulk transfer's work.
inline constexpr size_t kPatternBlock = 26 * 16;
struct PatternRun {
  uint8_t bytes[kPatternBlock + 26];
  constexpr PatternRun() : bytes{} {
    for (size_t i = 0; i < sizeof bytes; ++i) bytes[i] = static_cast<uint8_t>('a' + i % 26);
  }
};
inline constexpr PatternRun kPatternRun{};

inline void fill_pattern(uint8_t* out, size_t n, uint64_t offset) {
  const uint8_t* from = kPatternRun.bytes + offset % 26;
  for (; n >= kPatternBlock; out += kPatternBlock, n -= kPatternBlock) std::memcpy(out, from, kPatternBlock);
  if (n) std::memcpy(out, from, n);  // an empty payload's pointer may be null, which memcpy may not take
}
inline bool matches_pattern(const uint8_t* in, size_t n, uint64_t offset) {
  const uint8_t* from = kPatternRun.bytes + offset % 26;
  for (; n >= kPatternBlock; in += kPatternBlock, n -= kPatternBlock)
    if (std::memcmp(in, from, kPatternBlock) != 0) return false;
  return n == 0 || std::memcmp(in, from, n) == 0;
}

}  // namespace synack::host
