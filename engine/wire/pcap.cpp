#include "wire/pcap.hpp"

#include <string>

namespace synack::wire {

namespace {
// pcap headers are in the writer's byte order; synack writes little-endian.
void le32(Bytes& b, uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void le16(Bytes& b, uint16_t v) {
  b.push_back(static_cast<uint8_t>(v));
  b.push_back(static_cast<uint8_t>(v >> 8));
}
uint32_t read32(ByteView b, size_t at, bool swap) {
  const uint32_t le = static_cast<uint32_t>(b[at]) | (static_cast<uint32_t>(b[at + 1]) << 8) |
                      (static_cast<uint32_t>(b[at + 2]) << 16) | (static_cast<uint32_t>(b[at + 3]) << 24);
  if (!swap) return le;
  return ((le & 0xff) << 24) | ((le & 0xff00) << 8) | ((le >> 8) & 0xff00) | (le >> 24);
}
}  // namespace

PcapWriter::PcapWriter() {
  le32(out_, kPcapMagicNanos);
  le16(out_, 2);  // version 2.4
  le16(out_, 4);
  le32(out_, 0);  // thiszone
  le32(out_, 0);  // sigfigs
  le32(out_, kPcapSnapLen);
  le32(out_, kLinkTypeEthernet);
}

void PcapWriter::add(int64_t time_ns, ByteView frame) {
  const int64_t t = time_ns < 0 ? 0 : time_ns;
  le32(out_, static_cast<uint32_t>(t / 1000000000));
  le32(out_, static_cast<uint32_t>(t % 1000000000));
  le32(out_, static_cast<uint32_t>(frame.size()));
  le32(out_, static_cast<uint32_t>(frame.size()));
  out_.insert(out_.end(), frame.begin(), frame.end());
}

Result<std::vector<PcapRecord>, DecodeError> read_pcap(ByteView file) {
  if (file.size() < 24)
    return Err(DecodeError{DecodeErrorKind::BadPcapHeader, "file has " + std::to_string(file.size()) +
                                                               " bytes, a pcap header needs 24"});
  const uint32_t magic = read32(file, 0, false);
  bool swap = false, nanos = false;
  if (magic == kPcapMagicNanos || magic == kPcapMagicMicros) {
    nanos = magic == kPcapMagicNanos;
  } else if (read32(file, 0, true) == kPcapMagicNanos || read32(file, 0, true) == kPcapMagicMicros) {
    swap = true;
    nanos = read32(file, 0, true) == kPcapMagicNanos;
  } else {
    return Err(DecodeError{DecodeErrorKind::BadPcapHeader, "not a pcap file (magic number)"});
  }
  const uint32_t link = read32(file, 20, swap);
  if (link != kLinkTypeEthernet)
    return Err(DecodeError{DecodeErrorKind::BadPcapHeader, "link type " + std::to_string(link) + ", want Ethernet (1)"});
  std::vector<PcapRecord> records;
  size_t at = 24;
  while (at < file.size()) {
    if (file.size() - at < 16)
      return Err(DecodeError{DecodeErrorKind::BadPcapRecord, "record header cut short at byte " + std::to_string(at)});
    const uint32_t sec = read32(file, at, swap), frac = read32(file, at + 4, swap);
    const uint32_t incl = read32(file, at + 8, swap), orig = read32(file, at + 12, swap);
    if (incl > kPcapSnapLen || incl > file.size() - at - 16)
      return Err(DecodeError{DecodeErrorKind::BadPcapRecord, "record at byte " + std::to_string(at) + " claims " +
                                                                 std::to_string(incl) + " bytes"});
    if ((nanos && frac >= 1000000000) || (!nanos && frac >= 1000000))
      return Err(DecodeError{DecodeErrorKind::BadPcapRecord, "record at byte " + std::to_string(at) +
                                                                 " has an impossible fraction of a second"});
    PcapRecord rec;
    rec.time_ns = static_cast<int64_t>(sec) * 1000000000 + static_cast<int64_t>(nanos ? frac : frac * 1000ULL);
    rec.original_length = orig;
    rec.data.assign(file.begin() + static_cast<std::ptrdiff_t>(at + 16),
                    file.begin() + static_cast<std::ptrdiff_t>(at + 16 + incl));
    records.push_back(std::move(rec));
    at += 16 + incl;
  }
  return records;
}

}  // namespace synack::wire
