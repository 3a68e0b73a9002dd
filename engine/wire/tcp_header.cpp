#include "wire/tcp_header.hpp"

#include <algorithm>

#include "wire/checksum.hpp"
#include "wire/ipv4.hpp"

namespace synack::wire {

// Option layout on the wire. Without timestamps a SYN carries MSS, NOP+WS and
// NOP+NOP+SACK-permitted: 12 bytes, a 32-byte header, the common case the lessons show.
// With timestamps it follows the 20-byte layout Linux sends (MSS, SACK-permitted+TS,
// NOP+WS). Every group is padded to 4 bytes so the data offset is exact.
namespace {
size_t fixed_options_length(const TcpOptions& o) {
  size_t n = 0;
  if (o.mss) n += 4;
  if (o.timestamps) n += 12;  // SACK-permitted rides in the 2 bytes before TS, or NOP NOP
  if (o.window_scale) n += 4;
  if (o.sack_permitted && !o.timestamps) n += 4;
  return n;
}
// The header has room for 40 option bytes: SACK blocks beyond that are left out.
size_t sack_blocks_that_fit(const TcpOptions& o) {
  const size_t fixed = fixed_options_length(o);
  if (o.sack.empty() || fixed + 4 + 8 > 40) return 0;
  return std::min(o.sack.size(), (40 - fixed - 4) / 8);
}
}  // namespace

size_t TcpOptions::encoded_length() const {
  const size_t blocks = sack_blocks_that_fit(*this);
  return fixed_options_length(*this) + (blocks ? 4 + 8 * blocks : 0);
}

namespace {

void encode_options(const TcpOptions& o, Writer& w) {
  if (o.mss) {
    w.u8(tcpopt::MSS);
    w.u8(4);
    w.u16(*o.mss);
  }
  if (o.timestamps) {
    if (o.sack_permitted) {
      w.u8(tcpopt::SACK_PERMITTED);
      w.u8(2);
    } else {
      w.u8(tcpopt::NOP);
      w.u8(tcpopt::NOP);
    }
    w.u8(tcpopt::TIMESTAMPS);
    w.u8(10);
    w.u32(o.timestamps->value);
    w.u32(o.timestamps->echo_reply);
  }
  if (o.window_scale) {
    w.u8(tcpopt::NOP);
    w.u8(tcpopt::WSCALE);
    w.u8(3);
    w.u8(*o.window_scale);
  }
  if (o.sack_permitted && !o.timestamps) {
    w.u8(tcpopt::NOP);
    w.u8(tcpopt::NOP);
    w.u8(tcpopt::SACK_PERMITTED);
    w.u8(2);
  }
  if (const size_t blocks = sack_blocks_that_fit(o)) {
    w.u8(tcpopt::NOP);
    w.u8(tcpopt::NOP);
    w.u8(tcpopt::SACK);
    w.u8(static_cast<uint8_t>(2 + 8 * blocks));
    for (size_t i = 0; i < blocks; ++i) {
      w.u32(o.sack[i].left);
      w.u32(o.sack[i].right);
    }
  }
}

DecodeError option_error(DecodeErrorKind k, uint8_t kind, size_t offset, const char* what) {
  return DecodeError{k, "option kind " + std::to_string(kind) + " at byte " + std::to_string(offset) + ": " + what};
}

// Parses the option bytes [20, data_offset). Unknown kinds with a sane length are
// skipped, as RFC 9293 section 3.1 requires of a receiver (MUST-6).
Result<TcpOptions, DecodeError> decode_options_strict(ByteView header) {
  TcpOptions o;
  size_t i = 20;
  while (i < header.size()) {
    const uint8_t kind = header[i];
    if (kind == tcpopt::EOL) {
      o.layout.push_back({kind, static_cast<uint8_t>(i), 1});
      break;
    }
    if (kind == tcpopt::NOP) {
      o.layout.push_back({kind, static_cast<uint8_t>(i), 1});
      ++i;
      continue;
    }
    if (i + 1 >= header.size())
      return Err(option_error(DecodeErrorKind::BadOptionLength, kind, i, "length byte missing"));
    const uint8_t len = header[i + 1];
    if (len < 2 || i + len > header.size())
      return Err(option_error(DecodeErrorKind::BadOptionLength, kind, i, "length runs outside the header"));
    const ByteView body = header.subspan(i + 2, len - 2u);
    auto fixed = [&](uint8_t want) { return len == want; };
    switch (kind) {
      case tcpopt::MSS:
        if (!fixed(4)) return Err(option_error(DecodeErrorKind::BadOptionValue, kind, i, "MSS must be 4 bytes"));
        o.mss = load_u16(body, 0);
        break;
      case tcpopt::WSCALE:
        if (!fixed(3))
          return Err(option_error(DecodeErrorKind::BadOptionValue, kind, i, "window scale must be 3 bytes"));
        o.window_scale = body[0];
        break;
      case tcpopt::SACK_PERMITTED:
        if (!fixed(2))
          return Err(option_error(DecodeErrorKind::BadOptionValue, kind, i, "SACK-permitted must be 2 bytes"));
        o.sack_permitted = true;
        break;
      case tcpopt::SACK: {
        if ((len - 2) % 8 != 0 || len == 2)
          return Err(option_error(DecodeErrorKind::BadOptionValue, kind, i, "SACK must hold whole 8-byte blocks"));
        Reader r(body);
        o.sack.clear();
        for (size_t b = 0; b < body.size() / 8; ++b) {
          SackBlock blk;
          blk.left = r.u32();
          blk.right = r.u32();
          o.sack.push_back(blk);
        }
        break;
      }
      case tcpopt::TIMESTAMPS: {
        if (!fixed(10))
          return Err(option_error(DecodeErrorKind::BadOptionValue, kind, i, "timestamps must be 10 bytes"));
        Reader r(body);
        Timestamps ts;
        ts.value = r.u32();
        ts.echo_reply = r.u32();
        o.timestamps = ts;
        break;
      }
      default:
        break;  // unknown option: skip it by its length
    }
    o.layout.push_back({kind, static_cast<uint8_t>(i), len});
    i += len;
  }
  return o;
}

// Lenient: the options before a malformed one are kept and reading stops there.
// Re-reading the prefix strictly keeps one parser for both readings.
Result<TcpOptions, DecodeError> decode_options(ByteView header, bool strict) {
  auto o = decode_options_strict(header);
  if (o || strict) return o;
  const std::string why = o.error().message();
  size_t end = 20;  // the longest prefix of whole options that reads cleanly
  for (size_t i = 20; i < header.size();) {
    const uint8_t kind = header[i];
    if (kind == tcpopt::EOL) break;
    const size_t len = kind == tcpopt::NOP ? 1 : (i + 1 < header.size() ? header[i + 1] : 0);
    if (len < 1 || (kind != tcpopt::NOP && len < 2) || i + len > header.size()) break;
    if (!decode_options_strict(header.subspan(0, i + len))) break;
    i += len;
    end = i;
  }
  auto kept = decode_options_strict(header.subspan(0, end));
  TcpOptions out = kept ? std::move(*kept) : TcpOptions{};
  out.malformed = why;
  return out;
}

void write_header(const TcpSegment& s, size_t hlen, Writer& w) {
  w.u16(s.src_port);
  w.u16(s.dst_port);
  w.u32(s.seq);
  w.u32(s.ack);
  w.u8(static_cast<uint8_t>((hlen / 4) << 4));
  w.u8(s.flags);
  w.u16(s.window);
  w.u16(0);  // checksum, filled by the caller
  w.u16(s.urgent);
}

void fill_checksum(Ipv4Addr src, Ipv4Addr dst, size_t start, Bytes& out) {
  const size_t seg_len = out.size() - start;
  const uint32_t sum = checksum_add(pseudo_header_sum(src, dst, kIpProtoTcp, static_cast<uint16_t>(seg_len)),
                                    ByteView(out).subspan(start, seg_len));
  store_u16(out, start + 16, checksum_fold(sum));
}

}  // namespace

void encode_tcp_raw_options(const TcpSegment& s, ByteView raw_options, Ipv4Addr src, Ipv4Addr dst, Bytes& out) {
  const size_t start = out.size();
  const size_t opt_len = std::min<size_t>((raw_options.size() + 3) / 4 * 4, 40);
  Writer w(out);
  write_header(s, 20 + opt_len, w);
  for (size_t i = 0; i < opt_len; ++i) w.u8(i < raw_options.size() ? raw_options[i] : tcpopt::EOL);
  w.bytes(s.payload);
  fill_checksum(src, dst, start, out);
}

void encode_tcp(const TcpSegment& s, Ipv4Addr src, Ipv4Addr dst, Bytes& out) {
  const size_t start = out.size();
  Writer w(out);
  write_header(s, s.header_length(), w);
  encode_options(s.options, w);
  w.bytes(s.payload);
  fill_checksum(src, dst, start, out);
}

Result<TcpSegment, DecodeError> decode_tcp(ByteView in, Ipv4Addr src, Ipv4Addr dst, bool verify_checksum,
                                           bool strict_options) {
  if (in.size() < 20)
    return Err(DecodeError{DecodeErrorKind::Truncated, "TCP header needs 20 bytes, got " + std::to_string(in.size())});
  const size_t data_offset = static_cast<size_t>(in[12] >> 4) * 4;
  if (data_offset < 20 || data_offset > in.size())
    return Err(DecodeError{DecodeErrorKind::BadDataOffset, "data offset " + std::to_string(data_offset) +
                                                               " bytes with " + std::to_string(in.size()) +
                                                               " present"});
  if (verify_checksum && in.size() <= 0xffff) {
    const uint32_t sum = checksum_add(pseudo_header_sum(src, dst, kIpProtoTcp, static_cast<uint16_t>(in.size())), in);
    if (checksum_fold(sum) != 0)
      return Err(DecodeError{DecodeErrorKind::BadTcpChecksum, "checksum does not verify"});
  }
  TcpSegment s;
  Reader r(in);
  s.src_port = r.u16();
  s.dst_port = r.u16();
  s.seq = r.u32();
  s.ack = r.u32();
  r.u8();
  s.flags = r.u8();
  s.window = r.u16();
  s.checksum = r.u16();
  s.urgent = r.u16();
  auto opts = decode_options(in.subspan(0, data_offset), strict_options);
  if (!opts) return Err(opts.error());
  s.options = std::move(*opts);
  s.payload.assign(in.begin() + static_cast<std::ptrdiff_t>(data_offset), in.end());
  return s;
}

std::string flags_string(uint8_t flags) {
  std::string out;
  auto add = [&](uint8_t f, const char* name) {
    if (!(flags & f)) return;
    if (!out.empty()) out += ',';
    out += name;
  };
  add(tcpflag::SYN, "SYN");
  add(tcpflag::FIN, "FIN");
  add(tcpflag::RST, "RST");
  add(tcpflag::PSH, "PSH");
  add(tcpflag::URG, "URG");
  add(tcpflag::ECE, "ECE");
  add(tcpflag::CWR, "CWR");
  add(tcpflag::ACK, "ACK");
  return out.empty() ? "none" : out;
}

}  // namespace synack::wire
