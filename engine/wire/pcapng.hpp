#pragma once
// pcapng files (the format Wireshark saves by default): one section, one Ethernet
// interface with nanosecond timestamps, and an Enhanced Packet Block per frame that
// may carry comments (opt_comment), which Wireshark shows as frame.comment. Where
// classic pcap can only list frames, pcapng can say what happened to each.
#include <cstdint>
#include <string>
#include <vector>

#include "wire/bytes.hpp"

namespace synack::wire {

inline constexpr uint32_t kPcapngSectionHeader = 0x0a0d0d0a;
inline constexpr uint32_t kPcapngInterfaceDescription = 0x00000001;
inline constexpr uint32_t kPcapngEnhancedPacket = 0x00000006;
inline constexpr uint32_t kPcapngByteOrderMagic = 0x1a2b3c4d;

// Builds a whole pcapng file in memory (the caller decides where bytes go: sans-IO).
class PcapngWriter {
 public:
  // `interface_name` names where the capture was taken ("cable", a host's NIC).
  explicit PcapngWriter(const std::string& interface_name);
  void add(int64_t time_ns, ByteView frame, const std::vector<std::string>& comments = {});
  const Bytes& bytes() const { return out_; }

 private:
  Bytes out_;
};

}  // namespace synack::wire
