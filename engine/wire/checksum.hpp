#pragma once
// The Internet checksum (RFC 1071): ones' complement sum of 16-bit words.
#include <cstdint>

#include "wire/addr.hpp"
#include "wire/bytes.hpp"

namespace synack::wire {

// Adds bytes to a running 32-bit sum; odd-length input is padded with a zero byte.
uint32_t checksum_add(uint32_t sum, ByteView data);
uint16_t checksum_fold(uint32_t sum);

inline uint16_t internet_checksum(ByteView data) { return checksum_fold(checksum_add(0, data)); }

// Sum of the IPv4 pseudo-header that TCP's checksum covers (RFC 9293 section 3.1).
uint32_t pseudo_header_sum(Ipv4Addr src, Ipv4Addr dst, uint8_t protocol, uint16_t length);

}  // namespace synack::wire
