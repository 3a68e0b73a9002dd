#pragma once
// The passive state tracker: for one connection of a capture, the TCP state (RFC 9293)
// each end must have been in, given what it sent and what it has been seen to receive.
// Seen from one point on the path, so every state is inferred:
//  - a segment that occupies sequence space (SYN, data, FIN) counts as received once the
//    other end acknowledges it; a copy sent again before that acknowledgment means the
//    earlier one was lost after the capture point;
//  - a segment without (a pure ACK, a RST) counts as received when seen, unless its
//    receiver then sends again what it acknowledged (it had not got it);
//  - a receipt is placed where it was seen, or, when the receiver sent something in
//    between that did not yet acknowledge it, just before the receiver's segment that does.
// Capture artifacts are explained, not called errors: segments bigger than the MSS
// (segmentation offload), wrong checksums (checksum offload), a snaplen that cut the
// payload, a capture that starts after the handshake; bytes acknowledged but never seen
// are reported as missed by the capture.
#include <cstdint>
#include <string>
#include <vector>

#include "capture/packet.hpp"
#include "capture/streams.hpp"
#include "tcp/state.hpp"
#include "wire/capture_file.hpp"

namespace synack::capture {

enum class Position : uint8_t { NearClient, NearServer, Unknown };
const char* to_string(Position p);

namespace artifact {
inline constexpr uint8_t Oversize = 1;     // more payload than the receiver's MSS
inline constexpr uint8_t BadChecksum = 2;  // the TCP checksum does not verify
inline constexpr uint8_t SnaplenCut = 4;   // the capture kept only part of the payload
inline constexpr uint8_t LengthZero = 8;   // IP length 0: an offload super-packet
}  // namespace artifact

struct Segment {
  uint32_t packet = 0;  // index into CaptureFile::packets
  int64_t time_ns = 0;
  bool from_client = true;
  TcpPacket tcp;
  uint8_t artifacts = 0;
  bool received = true;                  // inferred: its receiver got it
  tcp::State state[2] = {tcp::State::Closed, tcp::State::Closed};  // client, server, after this segment
};

struct InferredChange {
  size_t at = 0;        // the segment it is placed at
  bool before = false;  // just before that segment (else just after it)
  int end = 0;          // 0 client, 1 server
  tcp::State from = tcp::State::Closed, to = tcp::State::Closed;
  tcp::Cause cause = tcp::Cause::Unknown;
  int64_t time_ns = 0;
};

struct CaptureNote {
  size_t at = 0;  // placed just after this segment
  int64_t time_ns = 0;
  std::string text;
};

struct Tracked {
  std::vector<Segment> segments;
  std::vector<InferredChange> changes;  // in the order they happen
  std::vector<CaptureNote> notes;
  Position position = Position::Unknown;
  std::string position_why;
  uint64_t missed_bytes[2] = {0, 0};  // client's, server's bytes acknowledged but never seen
  uint32_t artifact_counts[2][4] = {};  // per end, per artifact bit (Oversize, BadChecksum, SnaplenCut, LengthZero)
};

Tracked track(const wire::CaptureFile& cap, wire::ByteView file, const Stream& stream);

}  // namespace synack::capture
