#include "wire/pcapng.hpp"

#include "wire/pcap.hpp"

namespace synack::wire {

namespace {
// Written little-endian; the byte-order magic tells readers so.
void le32(Bytes& b, uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void le16(Bytes& b, uint16_t v) {
  b.push_back(static_cast<uint8_t>(v));
  b.push_back(static_cast<uint8_t>(v >> 8));
}
void pad4(Bytes& b) {
  while (b.size() % 4) b.push_back(0);
}
// An option: code, length, value padded to 32 bits. Values over 65535 bytes are cut
// (a comment that long is not one anybody reads).
void option(Bytes& b, uint16_t code, const void* data, size_t len) {
  if (len > 0xffff) len = 0xffff;
  le16(b, code);
  le16(b, static_cast<uint16_t>(len));
  const auto* p = static_cast<const uint8_t*>(data);
  b.insert(b.end(), p, p + len);
  pad4(b);
}
void end_of_options(Bytes& b) { le32(b, 0); }

// A block: type, total length, body, total length again (readers walk both ways).
void block(Bytes& out, uint32_t type, const Bytes& body) {
  const uint32_t total = static_cast<uint32_t>(12 + body.size());
  le32(out, type);
  le32(out, total);
  out.insert(out.end(), body.begin(), body.end());
  le32(out, total);
}
}  // namespace

PcapngWriter::PcapngWriter(const std::string& interface_name) {
  Bytes shb;
  le32(shb, kPcapngByteOrderMagic);
  le16(shb, 1);  // version 1.0
  le16(shb, 0);
  le32(shb, 0xffffffff);  // section length: not given
  le32(shb, 0xffffffff);
  const std::string app = "synack";
  option(shb, 4, app.data(), app.size());  // shb_userappl
  end_of_options(shb);
  block(out_, kPcapngSectionHeader, shb);

  Bytes idb;
  le16(idb, static_cast<uint16_t>(kLinkTypeEthernet));
  le16(idb, 0);
  le32(idb, kPcapSnapLen);
  option(idb, 2, interface_name.data(), interface_name.size());  // if_name
  const uint8_t nanoseconds = 9;                                  // if_tsresol: 10^-9 s
  option(idb, 9, &nanoseconds, 1);
  end_of_options(idb);
  block(out_, kPcapngInterfaceDescription, idb);
}

void PcapngWriter::add(int64_t time_ns, ByteView frame, const std::vector<std::string>& comments) {
  const uint64_t t = time_ns < 0 ? 0 : static_cast<uint64_t>(time_ns);
  Bytes epb;
  le32(epb, 0);  // interface 0
  le32(epb, static_cast<uint32_t>(t >> 32));
  le32(epb, static_cast<uint32_t>(t));
  le32(epb, static_cast<uint32_t>(frame.size()));
  le32(epb, static_cast<uint32_t>(frame.size()));
  epb.insert(epb.end(), frame.begin(), frame.end());
  pad4(epb);
  if (!comments.empty()) {
    for (const std::string& c : comments) option(epb, 1, c.data(), c.size());  // opt_comment
    end_of_options(epb);
  }
  block(out_, kPcapngEnhancedPacket, epb);
}

}  // namespace synack::wire
