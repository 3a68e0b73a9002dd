#pragma once
// What the screen shows, as plain data derived from a trace: every segment with when it
// left, where and when it arrived or died; every state change per side. The views draw
// "the world as of playhead t" from this, so it is tested natively without a GPU.
#include <cstdint>
#include <string>
#include <vector>

#include "tcp/state.hpp"
#include "trace/trace.hpp"

namespace synack::analysis {

enum class Fate : uint8_t { Arrived, DiedOnCable, DiedAtNic, DiedAtHost };

struct SegmentView {
  uint32_t frame = 0;
  int from_side = 0;        // 0: left host, 1: right host
  int64_t t_sent = 0;       // first bit leaves the sender
  int64_t t_end = 0;        // arrives at the receiver's NIC, or dies
  Fate fate = Fate::Arrived;
  trace::DropReason drop = trace::DropReason::None;  // for a death: why (ui's drop_words says it)
  int64_t drop_value = 0;   // RX ring full: the ring's size; a fault rule: its number (Timeline::faults)
  wire::DecodeErrorKind error = wire::DecodeErrorKind::Truncated;  // a bad checksum, an undecodable frame
  std::string why;          // and the decoder's detail of it
  uint8_t flags = 0;
  bool is_arp = false;
  uint32_t seq = 0, ack = 0;          // relative to each side's ISN
  uint32_t abs_seq = 0, abs_ack = 0;  // as on the wire
  uint32_t len = 0;
  uint16_t window = 0;
  trace::FrameNote note;    // the sender's: the first retransmission after a timeout, a probe, ...
  std::string label;        // "SYN seq=0 ack=0 len=0"
  bool retransmission() const { return note.retransmission(); }
};

struct StateMark {
  int side = 0;
  int64_t t = 0;
  uint32_t conn = 0;  // the host's socket number, to tell its connections apart
  std::string from, to;                    // tcp::to_string of the states: lessons and the diagram name them so
  tcp::Cause cause = tcp::Cause::Unknown;  // shown through the string table
  std::string cause_text;                  // the export's words (trace::event_detail), when the cause is Unknown
  bool inferred = false;                   // a capture's tracker inferred it (not the stack's own word)
};

struct TimerMark {
  int side = 0;
  int64_t t = 0;
  tcp::Timer timer = tcp::Timer::Retransmit;
  std::string name;  // "RTO", "2MSL", ...: tcp::to_string(timer), as lessons name it
  trace::TimerAction what = trace::TimerAction::Armed;
  int64_t deadline = 0;
};

struct TcbMark {
  int side = 0;
  int64_t t = 0;
  uint32_t conn = 0;
  trace::TcbSnapshot vars;
};

// What a host's panel shows besides its connection: memory held by TCP, how many
// connections, and its NIC's receive ring and counters. A full snapshot at each change.
struct HostStatus {
  int64_t memory_bytes = 0;
  int64_t connections = 0;
  int64_t rx_frames = 0;        // frames the NIC accepted into its ring
  int64_t ring_fill = 0;        // descriptors in use
  int64_t filter_drops = 0;     // frames for another MAC
  int64_t ring_drops = 0;       // frames that found the ring full
};

struct HostMark {
  int side = 0;
  int64_t t = 0;
  HostStatus status;
};

// A host's listening sockets opening or closing: how many are open from t on.
struct ListenMark {
  int side = 0;
  int64_t t = 0;
  int open = 0;
};

struct Timeline {
  std::string left_name, right_name;
  std::vector<SegmentView> segments;  // in order of t_sent
  std::vector<trace::FaultDesc> faults;  // the run's fault rules, which segments' notes and drops name
  std::vector<StateMark> states;      // in time order
  std::vector<TimerMark> timers;
  std::vector<TcbMark> tcbs;          // control-block variables as they changed
  std::vector<HostMark> hosts;        // memory and NIC state as they changed
  std::vector<ListenMark> listening;  // listening sockets per side, as they changed
  std::vector<int64_t> event_times;   // sorted, unique: where stepping stops
  int64_t end_ns = 0;                 // the last event
  int64_t run_end_ns = 0;             // how far the run was simulated: at least end_ns; the
                                      // quiet time after the last event is time a lesson may stop in
  // Listening sockets open on a side after its latest mark so far (while building).
  int listening_count(int side) const {
    for (auto it = listening.rbegin(); it != listening.rend(); ++it)
      if (it->side == side) return it->open;
    return 0;
  }
};

// "seq=1 ack=1 len=100" (and " win=502" if asked): relative to each side's ISN, or
// absolute as on the wire.
std::string numbers_text(const SegmentView& s, bool relative, bool with_window = false);

// Builds the timeline between two hosts of a trace (by host index); ran_until_ns is how
// far the world was run (the scenario's `until`).
Timeline build_timeline(const trace::Trace& t, uint16_t left, uint16_t right, int64_t ran_until_ns = 0);

// The state of a side at time t (the latest change at or before t), "CLOSED" before any.
std::string state_at(const Timeline& tl, int side, int64_t t);

// What a host's card says at time t: the connection's state, except that a host whose
// connection has ended but which still has a listening socket is in LISTEN (RFC 9293:
// a connection opened passively returns to LISTEN), not CLOSED.
std::string card_state(const Timeline& tl, int side, int64_t t);

// A side's memory and NIC status at time t.
HostStatus host_at(const Timeline& tl, int side, int64_t t);

// A side's latest state change at or before t (its arc in the state diagram), or null.
const StateMark* last_change(const Timeline& tl, int side, int64_t t);

// A segment's place on the cable at time t: 0 at its sender, 1 at the receiver, or
// -1 when it is not on the cable at t (not yet sent, arrived, or dead for a while).
// Dead segments linger (`linger_ns`) where they died so that the eye catches them.
float position_at(const SegmentView& s, int64_t t, int64_t linger_ns);

// A side's control-block variables at time t (its latest change at or before t), or null.
const trace::TcbSnapshot* tcb_at(const Timeline& tl, int side, int64_t t);

// Timers running on a side at time t: armed at or before t, not yet fired or cancelled.
struct RunningTimer {
  std::string name;
  int64_t armed_at = 0;
  int64_t deadline = 0;
};
std::vector<RunningTimer> timers_at(const Timeline& tl, int side, int64_t t);

// The ladder's vertical axis: events sit on whole rows, times between them in between,
// so a 2 MSL wait takes one row, not most of the screen.
float ladder_row(const Timeline& tl, int64_t t);
// The same over any sorted, unique event times (two runs drawn on one axis).
float ladder_row(const std::vector<int64_t>& event_times, int64_t t);

// How much of [from, to] has at least one segment on the cable (the union of flights):
// the time worth watching in slow motion.
int64_t time_on_cable(const Timeline& tl, int64_t from, int64_t to);

// Stepping: the next/previous event time strictly after/before t (or t itself at the ends).
int64_t next_event(const Timeline& tl, int64_t t);
int64_t prev_event(const Timeline& tl, int64_t t);

}  // namespace synack::analysis
