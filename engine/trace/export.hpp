#pragma once
// Views of a trace: tcpdump-like text, JSON lines, and pcap. Each is a pure function
// of the trace, so the same trace always exports to the same bytes.
#include <string>
#include <vector>

#include "trace/trace.hpp"
#include "wire/bytes.hpp"

namespace synack::trace {

class Words;

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
// `words` says the events in another language (the app's event log); nullptr: English.
std::vector<TextLine> to_text_lines(const Trace& t, TextOptions opts = {}, const Words* words = nullptr);
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

// The words for the typed events: the only place the engine turns them into English.
// A language's words derive from Words and say each part their own way (ui/run_words.cpp);
// what they leave alone stays English. The frames' tcpdump text, the RFC state names and
// the timers' names are the same in every language, as a capture prints them.
class Words {
 public:
  virtual ~Words() = default;
  // A frame's note ("retransmission #1 (timeout)"); `rules`: the run's fault rules.
  virtual std::string note(const FrameNote& n, const std::vector<FaultDesc>& rules) const;
  // Shorter, for a label short of room: without what the full words say in parentheses
  // ("retransmission #1" for "retransmission #1 (timeout)"); empty if there is nothing shorter.
  virtual std::string note_brief(const FrameNote& n, const std::vector<FaultDesc>& rules) const;
  virtual std::string tcp_note(TcpNote note, uint64_t n) const;
  virtual std::string mark(const Mark& m) const;       // a capture's analysis mark
  virtual std::string fault(const FaultDesc& d) const;  // "lose the ACKs (drop every ack)"
  virtual std::string fault_rule(uint32_t n, const FaultDesc& d) const;  // "fault rule 1: " and the rule
  // An event's line after its host and frame number (the JSON's "text"), and its "detail"
  // (a drop's site, a state change's cause).
  virtual std::string event(const Trace& t, const TraceEvent& e) const;
  virtual std::string detail(const TraceEvent& e) const;
  // The line's frame around those words.
  virtual std::string dropped(const std::string& why) const;  // "DROPPED (why)"
  virtual std::string conn(uint32_t c) const;                 // "conn 3"
  virtual std::string app(uint32_t c) const;                  // "app 3"
  virtual std::string timer(const std::string& name, TimerAction a, const std::string& due) const;
  virtual std::string memory(const Memory& m) const;
  virtual std::string nic_drops(const NicCounters& c) const;
  // The undecodable frame's line.
  virtual std::string undecodable(const std::string& why) const;
  // Each payload's words, which event() picks among.
  virtual std::string drop(const Trace& t, const FrameDropped& d) const;
  virtual std::string call(const AppCall& c) const;
  virtual std::string result(const AppResult& r) const;
  virtual std::string note_event(const Trace& t, uint16_t host, const Note& n) const;
  virtual std::string cause(tcp::Cause c) const;
  virtual std::string link(bool up) const;
};
const Words& english();

std::string note_text(const FrameNote& n, const std::vector<FaultDesc>& rules = {});
// A connection's note (trace::Note of kind Tcp) in English, `n` its figure.
std::string tcp_note_text(TcpNote note, uint64_t n);
std::string note_brief(const FrameNote& n, const std::vector<FaultDesc>& rules = {});
std::string event_text(const Trace& t, const TraceEvent& e);
std::string event_detail(const TraceEvent& e);

// A one-line summary of a frame, e.g. "10.0.0.1.49152 > 10.0.0.2.80: Flags [S], seq 0, ...".
// isn_fwd/isn_rev make seq/ack relative (pass 0 for absolute).
std::string describe_frame(const wire::Bytes& frame, uint32_t isn_fwd = 0, uint32_t isn_rev = 0);

}  // namespace synack::trace
