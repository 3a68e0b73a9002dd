#include "wire/checksum.hpp"

#include <cstring>

namespace synack::wire {

namespace {

// Four bytes at p as a big-endian number: two 16-bit words of the sum at once.
uint64_t be32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return __builtin_bswap32(v);
}

}  // namespace

// The ones' complement sum is the same whether words are added 16 or 32 bits at a
// time (RFC 1071 section 2, "parallel summation"): the carries out of each 16-bit half
// land in the 64-bit accumulator and are folded back at the end. A frame's payload is
// most of its bytes, and this loop took 10% of a bulk transfer a byte pair at a time.
uint32_t checksum_add(uint32_t sum, ByteView data) {
  uint64_t s = sum;
  const uint8_t* p = data.data();
  size_t n = data.size();
  for (; n >= 16; p += 16, n -= 16) s += be32(p) + be32(p + 4) + be32(p + 8) + be32(p + 12);
  for (; n >= 4; p += 4, n -= 4) s += be32(p);
  if (n >= 2) {
    s += static_cast<uint32_t>((p[0] << 8) | p[1]);
    p += 2;
    n -= 2;
  }
  if (n) s += static_cast<uint32_t>(p[0] << 8);  // odd length: padded with a zero byte
  while (s >> 32) s = (s & 0xffffffff) + (s >> 32);
  return static_cast<uint32_t>(s);
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
