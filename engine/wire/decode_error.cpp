#include "wire/decode_error.hpp"

namespace synack::wire {

const char* to_string(DecodeErrorKind k) {
  switch (k) {
    case DecodeErrorKind::Truncated: return "truncated";
    case DecodeErrorKind::UnsupportedType: return "unsupported type";
    case DecodeErrorKind::BadVersion: return "bad IP version";
    case DecodeErrorKind::BadHeaderLength: return "bad IP header length";
    case DecodeErrorKind::BadTotalLength: return "bad IP total length";
    case DecodeErrorKind::BadIpChecksum: return "bad IP checksum";
    case DecodeErrorKind::Fragmented: return "IP fragment";
    case DecodeErrorKind::BadDataOffset: return "bad TCP data offset";
    case DecodeErrorKind::BadOptionLength: return "bad TCP option length";
    case DecodeErrorKind::BadOptionValue: return "bad TCP option value";
    case DecodeErrorKind::BadTcpChecksum: return "bad TCP checksum";
    case DecodeErrorKind::BadPcapHeader: return "bad pcap header";
    case DecodeErrorKind::BadPcapRecord: return "bad pcap record";
  }
  return "unknown";
}

std::string DecodeError::message() const {
  return detail.empty() ? std::string(to_string(kind)) : std::string(to_string(kind)) + ": " + detail;
}

}  // namespace synack::wire
