#pragma once
// The test pattern: the bytes every scripted sender writes and every receiver checks
// (hand-made segments carry it too, so that a receiver that takes one finds what it expects).
#include <cstddef>
#include <cstdint>

namespace synack::host {

// The byte a sender writes at stream offset i.
inline uint8_t pattern_byte(uint64_t i) { return static_cast<uint8_t>('a' + (i % 26)); }
// The pattern from stream offset `offset` on, written or checked without a 64-bit
// division per byte (which WebAssembly pays for in full: it was a fifth of a bulk
// transfer's time in the browser).
inline void fill_pattern(uint8_t* out, size_t n, uint64_t offset) {
  unsigned k = static_cast<unsigned>(offset % 26);
  for (size_t i = 0; i < n; ++i) {
    out[i] = static_cast<uint8_t>('a' + k);
    if (++k == 26) k = 0;
  }
}
inline bool matches_pattern(const uint8_t* in, size_t n, uint64_t offset) {
  unsigned k = static_cast<unsigned>(offset % 26);
  bool ok = true;
  for (size_t i = 0; i < n; ++i) {
    ok &= in[i] == static_cast<uint8_t>('a' + k);
    if (++k == 26) k = 0;
  }
  return ok;
}

}  // namespace synack::host
