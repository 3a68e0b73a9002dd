#include "wire/checksum.hpp"

#include <bit>
#include <cstring>

namespace synack::wire {

// The ones' complement sum does not depend on byte order (RFC 1071 section 2, "byte
// order independence"): summing the words as the machine loads them and swapping the
// folded 16-bit result gives the big-endian sum. Eight bytes are added at a time, with
// the carry out of each 64-bit add put back in (end-around carry), so a 1,460-byte
// payload is 183 adds and no byte swaps. The bytes a byte pair at a time were a tenth
// of a bulk transfer's instructions.
uint32_t checksum_add(uint32_t sum, ByteView data) {
  const uint8_t* p = data.data();
  size_t n = data.size();
  uint64_t s = 0;
  auto add = [&s](uint64_t v) {
    s += v;
    s += s < v;  // end-around carry
  };
  for (; n >= 32; p += 32, n -= 32) {
    uint64_t w[4];
    std::memcpy(w, p, 32);
    add(w[0]);
    add(w[1]);
    add(w[2]);
    add(w[3]);
  }
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    add(w);
  }
  // The tail, up to 7 bytes, zero-padded as an odd last byte is (RFC 1071).
  if (n) {
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    add(w);
  }
  // Fold 64 -> 16 bits in the machine's order, then to network order.
  uint64_t f = (s & 0xffffffff) + (s >> 32);
  f = (f & 0xffff) + (f >> 16);
  f = (f & 0xffff) + (f >> 16);
  f = (f & 0xffff) + (f >> 16);
  uint16_t folded = static_cast<uint16_t>(f);
  if constexpr (std::endian::native == std::endian::little) folded = __builtin_bswap16(folded);
  uint64_t total = static_cast<uint64_t>(sum) + folded;
  while (total >> 32) total = (total & 0xffffffff) + (total >> 32);
  return static_cast<uint32_t>(total);
}

uint16_t checksum_fold(uint32_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

uint32_t pseudo_header_sum(Ipv4Addr src, Ipv4Addr dst, uint8_t protocol, uint16_t length) {
  uint64_t s = (src.v >> 16) + (src.v & 0xffff) + (dst.v >> 16) + (dst.v & 0xffff) + protocol + length;
  while (s >> 32) s = (s & 0xffffffff) + (s >> 32);
  return static_cast<uint32_t>(s);
}

}  // namespace synack::wire
