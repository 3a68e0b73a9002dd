#pragma once
// Views of a trace: tcpdump-like text, JSON lines, and pcap. Each is a pure function
// of the trace, so the same trace always exports to the same bytes.
#include <string>
#include <vector>

#include "trace/trace.hpp"
#include "wire/bytes.hpp"

namespace synack::trace {

struct TextOptions {
  bool relative_seq = true;  // sequence numbers relative to each side's ISN, as Wireshark shows them
  bool tcb = false;          // a line for every change of a connection's variables
};

// One line per event.
std::string to_text(const Trace& t, TextOptions opts = {});
// The same lines apart, each with its event's time and without the time column (the
// app's event log).
struct TextLine {
  int64_t t_ns = 0;
  std::string text;
  size_t event = 0;  // the line's event (index into t.events()): what a reader asks about, not the text
};
std::vector<TextLine> to_text_lines(const Trace& t, TextOptions opts = {});
// One JSON object per line.
std::string to_json_lines(const Trace& t);
// Every frame as it left its sender's NIC, timestamped when its first bit went out.
wire::Bytes to_pcap(const Trace& t);
// pcapng, with a comment on each frame saying what became of it (Wireshark shows them
// as frame.comment): the sender's note ("retransmission #1 (timeout)"), a fault that
// touched it on the cable, where and why it was dropped. `at_host` kNoHost: the cable,
// every frame as it left its sender. A host: the capture as seen there, only the frames
// it sent (when they left) and those that reached it (when they arrived; a frame its
// NIC's ring had no room for never did).
wire::Bytes to_pcapng(const Trace& t, uint16_t at_host = kNoHost);

// The words for the typed events: the only place the engine turns them into English
// (the UI's string table is the other). event_text is an event's line in the text trace
// after its host and frame number, and the JSON's "text"; event_detail is the JSON's
// "detail" (a drop's site, a state change's cause).
std::string note_text(const FrameNote& n);
// A connection's note (trace::Note of kind Tcp) in English, `n` its figure.
std::string tcp_note_text(TcpNote note, uint64_t n);
// Shorter, for a label short of room: without what the full words say in parentheses
// ("retransmission #1" for "retransmission #1 (timeout)"); empty if there is nothing shorter.
std::string note_brief(const FrameNote& n);
std::string event_text(const Trace& t, const TraceEvent& e);
std::string event_detail(const TraceEvent& e);

// A one-line summary of a frame, e.g. "10.0.0.1.49152 > 10.0.0.2.80: Flags [S], seq 0, ...".
// isn_fwd/isn_rev make seq/ack relative (pass 0 for absolute).
std::string describe_frame(const wire::Bytes& frame, uint32_t isn_fwd = 0, uint32_t isn_rev = 0);

}  // namespace synack::trace
