#pragma once
// A captured TCP connection as a Run: the views draw it as they draw a simulated run.
// The trace is capture::replay_trace's (the CLI's `synack replay`), with each segment
// given a flight on the cable: a capture is taken at one point of the path, so a
// segment's capture time is when it passed that point. Near the client, the client's
// segments leave at their capture time and the server's arrive then; near the server the
// other way round; where unknown, the capture point is the cable's middle. The one-way
// delay is half the round trip the handshake shows at the capture point.
#include <cstdint>
#include <string>

#include "analysis/run.hpp"
#include "capture/streams.hpp"
#include "capture/tracker.hpp"
#include "util/result.hpp"
#include "wire/capture_file.hpp"

namespace synack::analysis {

// A capture file read once: its packet index and its TCP connections. The bytes stay
// with the caller (the index points into them).
struct OpenedCapture {
  wire::CaptureFile index;
  capture::StreamList streams;
};

// Bad input (truncated, wrong magic, absurd lengths, beyond max_bytes, no TCP packet at
// all) is an error naming the byte offset and what was expected there.
Result<OpenedCapture, wire::CaptureError> open_capture(wire::ByteView file,
                                                       uint64_t max_bytes = wire::kMaxCaptureBytes);

// Connection `stream` (an index into opened.streams.streams) as a Run, its hosts named
// address:port. file_name is what the screen calls the capture.
Run capture_run(const OpenedCapture& opened, wire::ByteView file, size_t stream, const std::string& file_name);

// The one-way delay drawn for a connection's segments (see above), in ns, at least 1 us.
int64_t capture_one_way_ns(const capture::Tracked& tracked);

}  // namespace synack::analysis
