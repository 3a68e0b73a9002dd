#pragma once
// Initial sequence numbers in the manner of RFC 6528: ISN = M + F(4-tuple, secret),
// where M ticks every 4 microseconds and F is a keyed hash. The secret comes from the
// world's seeded RNG, so ISNs differ per connection yet repeat exactly per scenario.
#include <cstdint>

#include "sim/time.hpp"
#include "tcp/connection.hpp"

namespace synack::tcp {

inline uint32_t make_isn(const FourTuple& t, uint64_t secret, sim::Time now) {
  // F: a 64-bit mix (splitmix64 finalizer) over the tuple and the secret. Not
  // cryptographic; it only has to spread tuples apart for teaching and testing.
  auto mix = [](uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  uint64_t h = mix(secret ^ (static_cast<uint64_t>(t.local_ip.v) << 32 | t.remote_ip.v));
  h = mix(h ^ (static_cast<uint64_t>(t.local_port) << 16 | t.remote_port));
  const uint32_t m = static_cast<uint32_t>(now.ns / 4000);
  return m + static_cast<uint32_t>(h);
}

}  // namespace synack::tcp
