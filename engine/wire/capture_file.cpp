#include "wire/capture_file.hpp"

namespace synack::wire {

namespace {

constexpr uint32_t kPcapMicros = 0xa1b2c3d4, kPcapNanos = 0xa1b23c4d;
constexpr uint32_t kBlockShb = 0x0a0d0d0a, kBlockIdb = 1, kBlockObsoletePacket = 2, kBlockSpb = 3, kBlockEpb = 6;
constexpr uint32_t kByteOrderMagic = 0x1a2b3c4d;

std::string hex32(uint32_t v) {
  static const char* d = "0123456789abcdef";
  std::string s = "0x";
  for (int i = 7; i >= 0; --i) s += d[(v >> (4 * i)) & 0xf];
  return s;
}

// Little- or big-endian fields, as the file's writer chose; every read is bounds-checked
// by its caller before it happens.
struct Endian {
  bool big = false;
  uint16_t u16(ByteView b, size_t at) const {
    return big ? static_cast<uint16_t>((b[at] << 8) | b[at + 1]) : static_cast<uint16_t>(b[at] | (b[at + 1] << 8));
  }
  uint32_t u32(ByteView b, size_t at) const {
    const uint32_t x0 = b[at], x1 = b[at + 1], x2 = b[at + 2], x3 = b[at + 3];
    return big ? (x0 << 24) | (x1 << 16) | (x2 << 8) | x3 : x0 | (x1 << 8) | (x2 << 16) | (x3 << 24);
  }
};

Err<CaptureError> fail(uint64_t at, std::string what) { return Err(CaptureError{at, std::move(what)}); }

// A timestamp in units of 10^-k or 2^-k seconds, to nanoseconds; false if it does not fit.
bool to_ns(uint64_t ts, uint8_t tsresol, int64_t offset_s, int64_t& out) {
  unsigned __int128 ns;
  const unsigned k = tsresol & 0x7f;
  if (tsresol & 0x80) {
    if (k > 63) return false;
    ns = (static_cast<unsigned __int128>(ts) * 1000000000u) >> k;
  } else {
    if (k > 19) return false;
    unsigned __int128 p = 1;
    for (unsigned i = 0; i < (k > 9 ? k - 9 : 9 - k); ++i) p *= 10;
    ns = k <= 9 ? static_cast<unsigned __int128>(ts) * p : ts / p;
  }
  const __int128 total = static_cast<__int128>(ns) + static_cast<__int128>(offset_s) * 1000000000;
  if (total > INT64_MAX || total < 0) return false;
  out = static_cast<int64_t>(total);
  return true;
}

Result<CaptureFile, CaptureError> read_pcap_file(ByteView f) {
  CaptureFile out;
  out.format = CaptureFormat::Pcap;
  Endian e;
  e.big = Endian{}.u32(f, 0) != kPcapMicros && Endian{}.u32(f, 0) != kPcapNanos;
  const bool nanos = e.u32(f, 0) == kPcapNanos;
  const uint16_t major = e.u16(f, 4);
  if (major != 2) return fail(4, "pcap version " + std::to_string(major) + ", expected 2");
  const uint32_t link = e.u32(f, 20);
  // The upper bits of the link-type field carry the FCS length (pcap 2.4 spec), not the type.
  out.interfaces.push_back({static_cast<uint16_t>(link & 0xffff), e.u32(f, 16)});
  size_t at = 24;
  while (at < f.size()) {
    if (f.size() - at < 16)
      return fail(at, "a record header needs 16 bytes, the file ends after " + std::to_string(f.size() - at));
    const uint32_t sec = e.u32(f, at), frac = e.u32(f, at + 4);
    const uint32_t incl = e.u32(f, at + 8), orig = e.u32(f, at + 12);
    if (incl > kMaxPacketBytes)
      return fail(at + 8, "record claims " + std::to_string(incl) + " captured bytes, at most " +
                              std::to_string(kMaxPacketBytes) + " expected");
    if (incl > f.size() - at - 16)
      return fail(at + 8, "record claims " + std::to_string(incl) + " bytes, the file ends after " +
                              std::to_string(f.size() - at - 16));
    // A fraction of a second of a second or more carries into the seconds, as libpcap and
    // Wireshark read it (tools and fuzzed files write such values; both fit in 64 bits).
    CapturedPacket p;
    p.time_ns = static_cast<int64_t>(sec) * 1000000000 + static_cast<int64_t>(nanos ? frac : frac * 1000ull);
    p.offset = at + 16;
    p.captured = incl;
    p.original = orig < incl ? incl : orig;
    out.packets.push_back(p);
    at += 16 + incl;
  }
  return out;
}

struct PcapngInterface {
  uint8_t tsresol = 6;
  int64_t tsoffset = 0;
};

Result<CaptureFile, CaptureError> read_pcapng_file(ByteView f) {
  CaptureFile out;
  out.format = CaptureFormat::Pcapng;
  std::vector<PcapngInterface> ifs;  // of the current section
  size_t section_first_if = 0;       // interfaces of earlier sections stay in out.interfaces
  Endian e;
  int64_t last_time = 0;
  size_t at = 0;
  while (at < f.size()) {
    if (f.size() - at < 12)
      return fail(at, "a block needs at least 12 bytes, the file ends after " + std::to_string(f.size() - at));
    // A section header's type reads the same in either byte order; other blocks are
    // in the byte order their section header declared.
    const bool is_shb = Endian{}.u32(f, at) == kBlockShb;
    const uint32_t type = is_shb ? kBlockShb : e.u32(f, at);
    if (is_shb) {
      const uint32_t bom = Endian{}.u32(f, at + 8);
      if (bom == kByteOrderMagic) e.big = false;
      else if (Endian{true}.u32(f, at + 8) == kByteOrderMagic) e.big = true;
      else return fail(at + 8, "section header's byte-order magic is " + hex32(bom) + ", expected 0x1a2b3c4d");
      ifs.clear();
      section_first_if = out.interfaces.size();
    } else if (at == 0) {
      return fail(0, "first block has type " + hex32(type) + ", a pcapng file starts with a section header 0x0a0d0d0a");
    }
    const uint32_t len = e.u32(f, at + 4);
    if (len < 12 || len % 4 != 0)
      return fail(at + 4, "block length " + std::to_string(len) + ", expected a multiple of 4 and at least 12");
    if (len > f.size() - at)
      return fail(at + 4, "block length " + std::to_string(len) + ", the file ends after " + std::to_string(f.size() - at));
    if (e.u32(f, at + len - 4) != len)
      return fail(at + len - 4, "block's trailing length " + std::to_string(e.u32(f, at + len - 4)) +
                                    ", expected its leading length " + std::to_string(len));
    const ByteView body = f.subspan(at + 8, len - 12);
    const uint64_t body_at = at + 8;
    auto packet = [&](uint32_t iface, uint64_t ts, size_t head, uint32_t captured, uint32_t original)
        -> Result<bool, CaptureError> {
      if (iface >= ifs.size())
        return fail(body_at, "packet names interface " + std::to_string(iface) + ", the section has declared " +
                                 std::to_string(ifs.size()));
      if (captured > kMaxPacketBytes)
        return fail(body_at, "packet claims " + std::to_string(captured) + " captured bytes, at most " +
                                 std::to_string(kMaxPacketBytes) + " expected");
      if (captured > body.size() - head)
        return fail(body_at, "packet claims " + std::to_string(captured) + " bytes, its block holds " +
                                 std::to_string(body.size() - head));
      CapturedPacket p;
      if (ts != UINT64_MAX) {
        if (!to_ns(ts, ifs[iface].tsresol, ifs[iface].tsoffset, p.time_ns))
          return fail(body_at, "timestamp does not fit in 64-bit nanoseconds");
        last_time = p.time_ns;
      } else {
        p.time_ns = last_time;  // a simple packet block has no timestamp: keep the file's order
      }
      p.offset = body_at + head;
      p.captured = captured;
      p.original = original < captured ? captured : original;
      p.interface = static_cast<uint32_t>(section_first_if + iface);
      out.packets.push_back(p);
      return true;
    };
    switch (type) {
      case kBlockShb: {
        if (body.size() < 16) return fail(body_at, "section header body needs 16 bytes");
        const uint16_t major = e.u16(body, 4);
        if (major != 1) return fail(body_at + 4, "pcapng version " + std::to_string(major) + ", expected 1");
        break;
      }
      case kBlockIdb: {
        if (body.size() < 8) return fail(body_at, "interface description needs 8 bytes");
        PcapngInterface pi;
        // Options: code, length, value padded to 4. if_tsresol (9) and if_tsoffset (14).
        size_t o = 8;
        while (o + 4 <= body.size()) {
          const uint16_t code = e.u16(body, o), olen = e.u16(body, o + 2);
          if (code == 0) break;
          const size_t padded = (static_cast<size_t>(olen) + 3) & ~size_t{3};
          if (padded > body.size() - o - 4)
            return fail(body_at + o + 2, "option length " + std::to_string(olen) + " runs past its block");
          if (code == 9 && olen == 1) pi.tsresol = body[o + 4];
          if (code == 14 && olen == 8)
            pi.tsoffset = static_cast<int64_t>((static_cast<uint64_t>(e.u32(body, o + 4 + (e.big ? 0 : 4))) << 32) |
                                               e.u32(body, o + 4 + (e.big ? 4 : 0)));
          o += 4 + padded;
        }
        if ((pi.tsresol & 0x80) ? (pi.tsresol & 0x7f) > 63 : pi.tsresol > 19)
          return fail(body_at, "if_tsresol " + std::to_string(pi.tsresol) +
                                   ", expected 10^-k with k <= 19 or 2^-k with k <= 63");
        ifs.push_back(pi);
        out.interfaces.push_back({e.u16(body, 0), e.u32(body, 4)});
        break;
      }
      case kBlockEpb: {
        if (body.size() < 20) return fail(body_at, "enhanced packet block body needs 20 bytes");
        const uint64_t ts = (static_cast<uint64_t>(e.u32(body, 4)) << 32) | e.u32(body, 8);
        auto r = packet(e.u32(body, 0), ts, 20, e.u32(body, 12), e.u32(body, 16));
        if (!r) return Err(r.error());
        break;
      }
      case kBlockObsoletePacket: {
        if (body.size() < 20) return fail(body_at, "packet block body needs 20 bytes");
        const uint64_t ts = (static_cast<uint64_t>(e.u32(body, 4)) << 32) | e.u32(body, 8);
        auto r = packet(e.u16(body, 0), ts, 20, e.u32(body, 12), e.u32(body, 16));
        if (!r) return Err(r.error());
        break;
      }
      case kBlockSpb: {
        if (body.size() < 4) return fail(body_at, "simple packet block body needs 4 bytes");
        if (ifs.empty()) return fail(body_at, "simple packet block before any interface description");
        const uint32_t original = e.u32(body, 0);
        // The captured length is implicit: the original length, cut by the snaplen and the block.
        uint64_t captured = original;
        const uint32_t snap = out.interfaces[section_first_if].snaplen;
        if (snap != 0 && captured > snap) captured = snap;
        if (captured > body.size() - 4) captured = body.size() - 4;
        auto r = packet(0, UINT64_MAX, 4, static_cast<uint32_t>(captured), original);
        if (!r) return Err(r.error());
        break;
      }
      default: ++out.skipped_blocks; break;
    }
    at += len;
  }
  return out;
}

}  // namespace

Result<CaptureFile, CaptureError> read_capture(ByteView file, uint64_t max_bytes) {
  if (file.size() > max_bytes)
    return fail(max_bytes, "file has " + std::to_string(file.size()) + " bytes, at most " + std::to_string(max_bytes) +
                               " (" + std::to_string(max_bytes >> 20) + " MiB) are read");
  if (file.size() < 4) return fail(0, "file has " + std::to_string(file.size()) + " bytes, expected a pcap or pcapng header");
  const uint32_t m = Endian{}.u32(file, 0), mb = Endian{true}.u32(file, 0);
  if (m == kBlockShb) {
    if (file.size() < 12) return fail(file.size(), "pcapng section header cut short: 12 bytes expected");
    return read_pcapng_file(file);
  }
  if (m == kPcapMicros || m == kPcapNanos || mb == kPcapMicros || mb == kPcapNanos) {
    if (file.size() < 24)
      return fail(file.size(), "pcap file header cut short: 24 bytes expected, the file has " + std::to_string(file.size()));
    return read_pcap_file(file);
  }
  return fail(0, "magic number " + hex32(mb) +
                     " is neither pcap (a1b2c3d4, a1b23c4d, either byte order) nor pcapng (0a0d0d0a)");
}

}  // namespace synack::wire
