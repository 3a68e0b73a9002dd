#pragma once
// A capture's connection as a trace, the same kind the engine writes for a simulated
// run: one host per end (named address:port), a FrameSent event per captured segment at
// its capture time (relative to the file's first packet), and the tracker's inferred
// state changes and capture notes. The text and JSON exports then read it unchanged.
#include <string>

#include "capture/streams.hpp"
#include "capture/tracker.hpp"
#include "trace/trace.hpp"
#include "wire/capture_file.hpp"

namespace synack::capture {

// Frames are rebuilt as Ethernet II (the trace's frame format): the captured Ethernet
// header where there was one (VLAN tags dropped), else zero MAC addresses, then the IP
// packet exactly as captured.
trace::Trace replay_trace(const wire::CaptureFile& cap, wire::ByteView file, const Stream& stream,
                          const Tracked& tracked, size_t stream_index);

}  // namespace synack::capture
