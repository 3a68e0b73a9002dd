#pragma once
// The trace: an append-only list of typed events, each stamped with simulated time
// and the host it happened on. It is the only thing the UI reads, and the source of
// every export (text, JSON lines, pcap). Frames are stored once, by id.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "sim/time.hpp"
#include "tcp/state.hpp"
#include "wire/addr.hpp"
#include "wire/bytes.hpp"
#include "wire/decode_error.hpp"

namespace synack::trace {

inline constexpr uint16_t kNoHost = 0xffff;

enum class Ev : uint8_t {
  FrameSent,       // a NIC finished putting the frame on its cable
  FrameReceived,   // a NIC accepted the frame into its RX ring
  FrameDelivered,  // the host took the frame off the ring and handed it to IP
  FrameDropped,    // the frame died; its site and reason say where and why
  FaultApplied,    // a fault rule acted on a frame
  LinkState,       // a cable went down or up
  NicCounters,     // a NIC's drop counters after a drop
  StateChange,     // a connection moved between TCP states
  TimerArmed,
  TimerCancelled,
  TimerFired,
  AppCall,         // an application called the socket API
  AppResult,       // what the call returned or an error reaching the app
  Memory,          // bytes held by the host's TCP (control blocks + buffers)
  Tcb,             // a connection's control-block variables changed
  Note,            // anything else worth a line
};

enum class DropReason : uint8_t {
  None,
  FaultRule,     // a fault rule's drop action
  LinkDown,      // the cable was down
  MacFilter,     // destination MAC not ours (and not promiscuous)
  RxRingFull,    // every RX descriptor in use
  TxQueueFull,   // the sender's NIC queue was full
  BadChecksum,   // IP or TCP checksum failed at the receiving host
  Malformed,     // bytes that do not decode
  NotForUs,      // IP destination is not this host
  SwitchNoPort,  // switch had no port for the destination
};

// Where a frame died: on the cable, in a switch, in a NIC's queues, in the host's IP.
enum class Site : uint8_t { Cable, Switch, NicTx, NicRx, Ip, Tap };

const char* to_string(Ev e);
const char* to_string(DropReason r);
const char* to_string(Site s);  // "cable", "nic-rx", ...: the JSON export's "detail"

// What the sender says of a frame: why it is a retransmission, a probe, a copy. The
// ladder, the inspector and a capture's comment show it (export.hpp has its words).
enum class FrameNoteKind : uint8_t {
  None,
  Retransmission,     // `cause`, `n`: the n-th retransmission, and why
  SynAgain,           // a SYN,ACK sent again because the SYN came again
  GoBack,             // data resent after a timeout, from SND.UNA on (go-back-N)
  SimultaneousOpen,   // the SYN,ACK of a simultaneous open
  KeepAliveProbe,     // `n`: the n-th keep-alive probe
  KeepAliveAck,       // the answer to a keep-alive probe
  ZeroWindowProbe,
  ZeroWindow,         // an ACK announcing a closed window
  DuplicateAck,       // an ACK that repeats the last one (RFC 5681 2)
  HalfOpenReset,      // RST of a half-open connection given up (an option)
  ResetNoListener,    // the host's RST: `n` is the port nobody listens on
  ResetListenerAck,   // the host's RST of an ACK sent to a listener
  Handmade,           // a hand-made test segment (host::Host::inject)
  ArpRequest,
  ArpReply,
  FromKernel,         // a frame the Linux kernel wrote to synack-tap's TAP device
  FaultCopy,          // `n`: a duplicate made by fault rule n (Trace::fault_rule(n))
  FaultCorrupted,     // `n`: a corrupted copy made by fault rule n
  Capture,            // a replayed capture's artifact (`words`: capture/analysis.cpp's)
};

enum class RetransmitCause : uint8_t { Timeout, FastRetransmit, PartialAck, TailLossProbe };

struct FrameNote {
  FrameNoteKind kind = FrameNoteKind::None;
  RetransmitCause cause = RetransmitCause::Timeout;
  uint32_t n = 0;
  std::string words;  // only a capture's note, whose words come from capture/analysis.cpp
  bool empty() const { return kind == FrameNoteKind::None; }
  bool retransmission() const {
    return kind == FrameNoteKind::Retransmission || kind == FrameNoteKind::SynAgain || kind == FrameNoteKind::GoBack;
  }
  bool operator==(const FrameNote&) const = default;
};

// A fault rule as the trace keeps it, so that each language can say it: the name the
// scenario gave it (or none), and what it does to which frames, by the scenario file's
// keywords (link::FaultRule's action and match: "drop", "ack", ...).
struct FaultDesc {
  std::string name;
  std::string action;  // "drop", "delay", "duplicate", "reorder", "corrupt", "link-down"
  std::string flags;   // "any", "syn", "syn-ack", "ack", "data", "fin", "rst"
  uint32_t nth = 0;    // only the nth matching frame (0: every one)
  uint32_t percent = 100;  // of the matching frames, the share hit
  bool operator==(const FaultDesc&) const = default;
};
// Rule n of a run's rules (Trace::fault_rules), an empty one for a number not there.
const FaultDesc& fault_rule(const std::vector<FaultDesc>& rules, uint32_t n);

// A Wireshark analysis mark of a replayed capture's frame (capture/analysis.cpp finds
// them); `n` is a figure where the mark has one (a duplicate ACK's count).
enum class MarkKind : uint8_t {  // in Wireshark's order of printing them
  Retransmission,
  FastRetransmission,
  SpuriousRetransmission,
  OutOfOrder,
  PreviousSegmentNotCaptured,
  AckedUnseenSegment,
  WindowUpdate,
  KeepAlive,
  KeepAliveAck,
  DuplicateAck,  // `n`: the how-manieth duplicate, `of`: the capture frame it repeats
  ZeroWindowProbe,
  ZeroWindow,
  ZeroWindowProbeAck,
  Count_
};
struct Mark {
  MarkKind kind = MarkKind::Retransmission;
  uint32_t n = 0, of = 0;
  bool operator==(const Mark&) const = default;
};

struct FrameRecord {
  wire::Bytes bytes;
  uint16_t from_host = kNoHost;  // host whose NIC sent it (kNoHost: made by a fault)
  uint32_t copy_of = 0;          // for duplicates/corruptions: the original frame id
  FrameNote note;                // the sender's annotation, e.g. the first retransmission
  // A replayed capture's frame: its number in the capture file (from 1; 0 for a simulated
  // frame) and Wireshark's analysis marks of it (capture/analysis.hpp finds them).
  uint32_t capture_frame = 0;
  std::vector<Mark> marks;
};

// The control-block variables of one connection at one moment (RFC 9293 3.3.1 names).
struct TcbSnapshot {
  uint32_t snd_una = 0, snd_nxt = 0, snd_wnd = 0, rcv_nxt = 0, rcv_wnd = 0;
  uint32_t iss = 0, irs = 0;
  uint32_t cwnd = 0, ssthresh = 0;
  int64_t rto_ns = 0, srtt_ns = 0;
  uint32_t send_buffered = 0;
  bool operator==(const TcbSnapshot&) const = default;
};

// --- one payload per kind of event ---

struct FrameSent {
  int64_t last_bit_ns = 0;  // its last bit left the sender
  int64_t arrives_ns = 0;   // its last bit would reach the far end
};
struct FrameReceived {
  int64_t ring_fill = 0;  // RX descriptors in use after it
};
struct FrameDelivered {
  int64_t ring_fill = 0;
};
struct FrameDropped {
  Site site = Site::Cable;
  DropReason reason = DropReason::None;
  uint32_t n = 0;              // RxRingFull: the ring's size; FaultRule: the rule (from 1); Switch: the port
  wire::MacAddr mac{};         // MacFilter: the destination it was for
  wire::Ipv4Addr ip{};         // NotForUs: the IP destination
  wire::DecodeErrorKind error = wire::DecodeErrorKind::Truncated;  // BadChecksum, Malformed
  std::string words;           // the decoder's detail (FaultRule: Trace::fault_rule(n) says the rule)
};
struct FaultApplied {
  uint32_t rule = 0;  // from 1, in the scenario's order; Trace::fault_rule has its words
};
struct LinkState {
  bool up = false;
};
struct NicCounters {
  int64_t filter_drops = 0, ring_drops = 0;
};
struct StateChange {
  tcp::State from = tcp::State::Closed, to = tcp::State::Closed;
  tcp::Cause cause = tcp::Cause::Unknown;
  bool inferred = false;  // a replayed capture's tracker guessed it
};
enum class TimerAction : uint8_t { Armed, Cancelled, Fired };
struct TimerEvent {
  tcp::Timer timer = tcp::Timer::Retransmit;
  TimerAction action = TimerAction::Armed;
  int64_t due_ns = 0;  // Armed: when it will fire
};
enum class Call : uint8_t { Listen, Connect, Send, Close, Abort, Recv, Requests };
struct AppCall {
  Call call = Call::Close;
  uint16_t port = 0;        // Listen, Connect: the port; Requests: none
  uint16_t local_port = 0;  // Connect
  wire::Ipv4Addr ip{};      // Connect: the destination
  uint64_t bytes = 0;       // Send, Recv (asked), Requests (per request)
  uint64_t n = 0;           // Recv: bytes taken; Requests: how many
  bool long_connection = false;  // Requests
  int64_t idle_ns = 0;      // Close: made by an idle timeout of this length (0: the app's own)
};
enum class Result : uint8_t {
  ListenAddressInUse,
  ConnectAddressInUse,   // the four-tuple has a connection (e.g. in TIME-WAIT)
  SendEpipe,             // our side is already closed
  SendNotConnected,
  Accepted,
  Connected,
  Received,              // `n` bytes
  PeerClosed,            // recv() returned 0
  Ended,                 // `cause`: why the connection ended
  ReplyComplete,         // reply `n` of `of`
};
struct AppResult {
  Result result = Result::Connected;
  uint64_t n = 0, of = 0;
  tcp::Cause cause = tcp::Cause::Unknown;
};
struct Memory {
  int64_t bytes = 0, connections = 0;
};
struct Tcb {
  uint32_t snapshot = 0;  // index in Trace::tcb_snapshots()
};
// A rule a connection applied and explains (NoteKind::Tcp), with `n` its figure where it
// has one. The English is export.cpp's (tcp_note_text), so other languages can say it too.
enum class TcpNote : uint8_t {
  TwoWayHandshake,          // the counterfactual stack opened without a third segment
  FinWaitsForSynAck,        // close() in SYN-RCVD: the FIN follows the ACK of our SYN
  FinWaitsBehindData,       // `n` unsent bytes go before the FIN
  UnacceptableAckInSynSent, // answered with RST
  TimeWaitFinAgain,         // a retransmitted FIN in TIME-WAIT: ACK, 2MSL restarted
  SynChallengeAck,          // SYN in a synchronized state (RFC 5961 4)
  FinBeforeGap,             // a FIN `n` bytes beyond RCV.NXT waits for them
  RstChallengeAck,          // RST in the window, not at RCV.NXT (RFC 5961 3.2)
  RstInTimeWait,            // ends the wait early (RFC 1337)
  UnacceptableAckInSynRcvd, // answered with RST
  TimeWaitReopened,         // a new SYN ends TIME-WAIT (RFC 9293 3.6.1, RFC 6191)
  KeepaliveGone,            // `n` keep-alive probes unanswered
  ZeroWindowGone,           // `n` zero-window probes unanswered
  RetriesTimeOver,          // retransmissions unanswered for the time of `n` doubling timeouts
  RetriesOver,              // `n` retransmissions unanswered
  UserTimeout,              // no progress for `n` ms
  AckThrottled,             // an invalid segment left unanswered (RFC 5961 7)
  NoTimeWait,               // the counterfactual stack without TIME-WAIT
  MssZero,                  // an MSS option of 0, ignored
};

enum class NoteKind : uint8_t {
  Tcp,              // the connection explains a rule it applied (`tcp`, `n`)
  CloseUnread,      // `n` unread bytes made close() a reset (RFC 2525 2.17)
  NoNeighbour,      // `ip` has no neighbour entry: segment not sent
  ArpWhoHas,        // `ip`
  HandmadeNotSent,  // `words`: why
  HandmadeInjected, // `words`: the segment as written
  MalformedOption,  // `words`: the decoder's account of the option
  BacklogFull,
  ResetNoListener,  // `n`: the port
  ResetListenerAck,
  Capture,          // a replayed capture's note (`words`: capture/'s)
};
struct Note {
  NoteKind kind = NoteKind::Tcp;
  TcpNote tcp = TcpNote::TwoWayHandshake;  // the rule, when kind is Tcp
  uint64_t n = 0;
  wire::Ipv4Addr ip{};
  std::string words;
};

// A variant rather than one struct with every field: each kind carries only its own
// fields, so no reader can take a timer's deadline for a ring size, and a reader asking
// for the wrong payload gets null instead of a field that means something else. The
// kind is the payload's type (and a timer's action), so the two cannot disagree.
using Payload = std::variant<FrameSent, FrameReceived, FrameDelivered, FrameDropped, FaultApplied, LinkState,
                             NicCounters, StateChange, TimerEvent, AppCall, AppResult, Memory, Tcb, Note>;

struct TraceEvent {
  sim::Time t;
  uint16_t host = kNoHost;
  uint32_t frame = 0;    // frame id (1-based), 0 if none
  uint32_t conn = 0;     // connection id on that host, 0 if none
  uint32_t peer_ip = 0;  // the connection's remote IPv4 address, 0 if none (not exported)
  Payload what;

  Ev kind() const {
    const size_t i = what.index();
    if (i < 8) return static_cast<Ev>(i);  // the payloads before TimerEvent are in Ev's order
    if (i == 8) return static_cast<Ev>(static_cast<size_t>(Ev::TimerArmed) + static_cast<size_t>(std::get<8>(what).action));
    return static_cast<Ev>(i + 2);
  }
  template <class P>
  const P* as() const {
    return std::get_if<P>(&what);
  }
};

// The one way a state change is recorded, by the stack and by a capture's tracker.
inline TraceEvent state_change(uint32_t conn, tcp::State from, tcp::State to, tcp::Cause cause, bool inferred = false) {
  return TraceEvent{.conn = conn, .what = StateChange{from, to, cause, inferred}};
}

class Trace {
 public:
  uint16_t add_host(std::string name) {
    hosts_.push_back(std::move(name));
    return static_cast<uint16_t>(hosts_.size() - 1);
  }
  uint32_t add_frame(FrameRecord f) {
    frames_.push_back(std::move(f));
    return static_cast<uint32_t>(frames_.size());
  }
  void add(TraceEvent e) { events_.push_back(std::move(e)); }
  size_t add_snapshot(const TcbSnapshot& s) {
    snapshots_.push_back(s);
    return snapshots_.size() - 1;
  }
  const std::vector<TcbSnapshot>& tcb_snapshots() const { return snapshots_; }
  // Fault rule n (from 1) as it was when it acted; an empty one for a number never set.
  void set_fault_rule(uint32_t n, FaultDesc d) {
    if (n == 0) return;
    if (faults_.size() < n) faults_.resize(n);
    faults_[n - 1] = std::move(d);
  }
  const std::vector<FaultDesc>& fault_rules() const { return faults_; }
  const FaultDesc& fault_rule(uint32_t n) const {
    return trace::fault_rule(faults_, n);
  }

  const std::vector<TraceEvent>& events() const { return events_; }
  const std::vector<std::string>& hosts() const { return hosts_; }
  const FrameRecord& frame(uint32_t id) const { return frames_[id - 1]; }
  size_t frame_count() const { return frames_.size(); }
  std::string host_name(uint16_t h) const { return h < hosts_.size() ? hosts_[h] : std::string("wire"); }

 private:
  std::vector<std::string> hosts_;
  std::vector<TraceEvent> events_;
  std::vector<FrameRecord> frames_;
  std::vector<TcbSnapshot> snapshots_;
  std::vector<FaultDesc> faults_;
};

}  // namespace synack::trace
