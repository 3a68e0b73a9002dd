#pragma once
// Reading capture files that other tools wrote: classic pcap (microsecond or nanosecond
// timestamps, either byte order) and pcapng (sections in either byte order, several
// interfaces with their own link type and timestamp resolution, enhanced, simple and
// obsolete packet blocks; blocks of other types are skipped by their length).
// The bytes are untrusted: any byte string gives an index of packets or a CaptureError
// naming the byte offset and what was expected there. Packets are not copied: each
// record says where its bytes sit in the file, so a big file costs its size once.
#include <cstdint>
#include <string>
#include <vector>

#include "util/result.hpp"
#include "wire/bytes.hpp"

namespace synack::wire {

// Beyond this a file is refused, before any record is read: the browser holds the
// whole file and the index in memory, and a teaching tool needs far less.
inline constexpr uint64_t kMaxCaptureBytes = 512ull << 20;
// A single packet larger than this is not a real frame (the largest snaplen tools
// write is 262144); the record's length field is taken as corrupt.
inline constexpr uint32_t kMaxPacketBytes = 262144;

enum class CaptureFormat : uint8_t { Pcap, Pcapng };

struct CaptureError {
  uint64_t offset = 0;  // where in the file the problem is
  std::string what;     // what was found, and what was expected
  std::string message() const { return "at byte " + std::to_string(offset) + ": " + what; }
};

struct CaptureInterface {
  uint16_t link_type = 0;
  uint32_t snaplen = 0;
};

struct CapturedPacket {
  int64_t time_ns = 0;         // since the Unix epoch, as the file says
  uint64_t offset = 0;         // of the packet's first byte in the file
  uint32_t captured = 0;       // bytes present in the file
  uint32_t original = 0;       // bytes the packet had on the wire (more if the snaplen cut it)
  uint32_t interface = 0;      // index into CaptureFile::interfaces
};

struct CaptureFile {
  CaptureFormat format = CaptureFormat::Pcap;
  std::vector<CaptureInterface> interfaces;
  std::vector<CapturedPacket> packets;
  uint32_t skipped_blocks = 0;  // pcapng blocks of types that carry no packets we read
  ByteView bytes(ByteView file, const CapturedPacket& p) const { return file.subspan(p.offset, p.captured); }
  uint16_t link_type(const CapturedPacket& p) const { return interfaces[p.interface].link_type; }
};

// max_bytes: the size limit (tests lower it to check the refusal without 512 MiB).
Result<CaptureFile, CaptureError> read_capture(ByteView file, uint64_t max_bytes = kMaxCaptureBytes);

}  // namespace synack::wire
