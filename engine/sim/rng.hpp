#pragma once
// The world's one source of randomness: a seeded xoshiro256** generator.
// Written out here (not <random>) because the standard distributions are not
// guaranteed to give the same numbers on every standard library, and synack
// promises the same trace natively and in the browser.
#include <cstdint>

namespace synack::sim {

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    // splitmix64 spreads any seed (even 0) over the 256-bit state.
    for (auto& word : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }

  uint64_t next_u64() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  uint32_t next_u32() { return static_cast<uint32_t>(next_u64() >> 32); }

  // Uniform in [0, bound) without modulo bias (Lemire's method).
  uint64_t below(uint64_t bound) {
    if (bound == 0) return 0;
    const uint64_t threshold = (0 - bound) % bound;
    for (;;) {
      const uint64_t r = next_u64();
      const unsigned __int128 m = static_cast<unsigned __int128>(r) * bound;
      if (static_cast<uint64_t>(m) >= threshold) return static_cast<uint64_t>(m >> 64);
    }
  }

  // True with probability per_million / 1e6; integer so it is exact everywhere.
  bool chance_ppm(uint32_t per_million) { return below(1000000) < per_million; }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace synack::sim
