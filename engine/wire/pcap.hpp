#pragma once
// pcap files (the classic libpcap format) with nanosecond timestamps and the Ethernet
// link type, which Wireshark and tshark open directly. Reading is for untrusted files:
// any byte string gives records or a typed error.
#include <cstdint>
#include <vector>

#include "util/result.hpp"
#include "wire/bytes.hpp"
#include "wire/decode_error.hpp"

namespace synack::wire {

inline constexpr uint32_t kPcapMagicNanos = 0xa1b23c4d;
inline constexpr uint32_t kPcapMagicMicros = 0xa1b2c3d4;
inline constexpr uint32_t kLinkTypeEthernet = 1;
inline constexpr uint32_t kPcapSnapLen = 262144;

struct PcapRecord {
  int64_t time_ns = 0;
  uint32_t original_length = 0;
  Bytes data;
};

// Builds a whole pcap file in memory (the caller decides where bytes go: sans-IO).
class PcapWriter {
 public:
  PcapWriter();
  void add(int64_t time_ns, ByteView frame);
  const Bytes& bytes() const { return out_; }

 private:
  Bytes out_;
};

Result<std::vector<PcapRecord>, DecodeError> read_pcap(ByteView file);

}  // namespace synack::wire
