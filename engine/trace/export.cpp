#include "trace/export.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "sim/time_text.hpp"
#include "trace/relative_seq.hpp"
#include "wire/frame.hpp"
#include "wire/pcap.hpp"
#include "wire/pcapng.hpp"

namespace synack::trace {

namespace {

std::string tcpdump_flags(uint8_t f) {
  using namespace wire::tcpflag;
  std::string s;
  if (f & SYN) s += 'S';
  if (f & FIN) s += 'F';
  if (f & RST) s += 'R';
  if (f & PSH) s += 'P';
  if (f & URG) s += 'U';
  if (f & ACK) s += '.';
  return s.empty() ? "none" : s;
}

std::string options_text(const wire::TcpOptions& o) {
  std::string s;
  for (const wire::OptionSpan& sp : o.layout) {
    if (!s.empty()) s += ',';
    switch (sp.kind) {
      case wire::tcpopt::EOL: s += "eol"; break;
      case wire::tcpopt::NOP: s += "nop"; break;
      case wire::tcpopt::MSS: s += "mss " + std::to_string(o.mss.value_or(0)); break;
      case wire::tcpopt::WSCALE: s += "wscale " + std::to_string(o.window_scale.value_or(0)); break;
      case wire::tcpopt::SACK_PERMITTED: s += "sackOK"; break;
      case wire::tcpopt::SACK: {
        s += "sack " + std::to_string(o.sack.size());
        for (const auto& b : o.sack) s += " {" + std::to_string(b.left) + ":" + std::to_string(b.right) + "}";
        break;
      }
      case wire::tcpopt::TIMESTAMPS:
        s += "TS val " + std::to_string(o.timestamps ? o.timestamps->value : 0) + " ecr " +
             std::to_string(o.timestamps ? o.timestamps->echo_reply : 0);
        break;
      default: s += "unknown-" + std::to_string(sp.kind); break;
    }
  }
  return s;
}

// Seconds with nine decimals: exact nanoseconds. `width` pads the integer part so
// that the columns of the text trace line up.
std::string seconds(int64_t ns, int width = 0) { return sim::seconds_text(ns, {.decimals = 9, .width = width, .unit = false}); }

std::string describe_decoded(const wire::DecodedFrame& f, uint32_t isn_fwd, uint32_t isn_rev) {
  if (f.arp) {
    return std::string("ARP ") + (f.arp->op == wire::ArpPacket::Request ? "who-has " : "reply ") +
           f.arp->target_ip.str() + " tell " + f.arp->sender_ip.str();
  }
  const wire::TcpSegment& s = *f.tcp;
  std::string out = f.ip->src.str() + "." + std::to_string(s.src_port) + " > " + f.ip->dst.str() + "." +
                    std::to_string(s.dst_port) + ": Flags [" + tcpdump_flags(s.flags) + "]";
  const uint32_t len = static_cast<uint32_t>(s.payload.size());
  const uint32_t seq = s.seq - isn_fwd;
  if (len > 0 || (s.flags & (wire::tcpflag::SYN | wire::tcpflag::FIN | wire::tcpflag::RST)))
    out += ", seq " + std::to_string(seq) + (len ? ":" + std::to_string(seq + len) : "");
  if (s.has(wire::tcpflag::ACK)) out += ", ack " + std::to_string(s.ack - isn_rev);
  out += ", win " + std::to_string(s.window);
  if (!s.options.layout.empty()) out += ", options [" + options_text(s.options) + "]";
  out += ", length " + std::to_string(len);
  return out;
}

const char* to_string(RetransmitCause c) {
  switch (c) {
    case RetransmitCause::Timeout: return "timeout";
    case RetransmitCause::FastRetransmit: return "fast retransmit";
    case RetransmitCause::PartialAck: return "partial ACK";
    case RetransmitCause::TailLossProbe: return "tail loss probe";
  }
  return "?";
}

// The JSON's "value" and "value2": the figures each kind has always exported.
std::pair<int64_t, int64_t> legacy_values(const TraceEvent& e) {
  if (auto* d = e.as<FrameDropped>()) return {d->reason == DropReason::RxRingFull ? d->n : 0, 0};
  if (auto* f = e.as<FaultApplied>()) return {f->rule, 0};
  if (auto* l = e.as<LinkState>()) return {l->up ? 1 : 0, 0};
  if (auto* c = e.as<NicCounters>()) return {c->filter_drops, c->ring_drops};
  // A capture's inferred change never carried the states as numbers.
  if (auto* s = e.as<StateChange>()) return s->inferred ? std::pair<int64_t, int64_t>{0, 0}
                                                        : std::pair<int64_t, int64_t>{int64_t(s->from), int64_t(s->to)};
  if (auto* m = e.as<TimerEvent>()) return {m->action == TimerAction::Armed ? m->due_ns : 0, 0};
  if (auto* r = e.as<AppResult>()) return {r->result == Result::Received ? static_cast<int64_t>(r->n) : 0, 0};
  if (auto* m = e.as<Memory>()) return {m->bytes, m->connections};
  return {0, 0};
}

}  // namespace

std::string tcp_note_text(TcpNote note, uint64_t n) {
  const std::string k = std::to_string(n);
  switch (note) {
    case TcpNote::TwoWayHandshake: return "two-way handshake (NOT real TCP): established without a third segment";
    case TcpNote::FinWaitsForSynAck: return "FIN waits until our SYN is acknowledged";
    case TcpNote::FinWaitsBehindData: return "FIN waits behind " + k + " unsent bytes";
    case TcpNote::UnacceptableAckInSynSent: return "unacceptable ACK in SYN-SENT: answer RST";
    case TcpNote::TimeWaitFinAgain: return "TIME-WAIT: retransmitted FIN answered, 2MSL restarted";
    case TcpNote::SynChallengeAck: return "SYN in synchronized state: challenge ACK";
    case TcpNote::FinBeforeGap: return "FIN arrived before " + k + " missing bytes: it waits for them";
    case TcpNote::RstChallengeAck: return "RST in window but not at RCV.NXT: challenge ACK (RFC 5961)";
    case TcpNote::RstInTimeWait: return "RST in TIME-WAIT ends the wait early (RFC 1337: TIME-WAIT assassination)";
    case TcpNote::UnacceptableAckInSynRcvd: return "ACK in SYN-RCVD acknowledges nothing we sent: answer RST";
    case TcpNote::TimeWaitReopened:
      return "a new SYN with a higher ISN or a newer timestamp ends TIME-WAIT and opens the next connection "
             "(RFC 9293 3.6.1, RFC 6191)";
    case TcpNote::KeepaliveGone: return "keepalive: " + k + " probes unanswered, the peer is gone";
    case TcpNote::ZeroWindowGone: return "zero window: " + k + " probes unanswered, the peer is gone";
    case TcpNote::RetriesTimeOver: return "retransmissions unanswered for the time of " + k + " doubling timeouts: giving up";
    case TcpNote::RetriesOver: return k + " retransmissions unanswered: giving up";
    case TcpNote::UserTimeout: return "user timeout: no progress for " + k + " ms";
    case TcpNote::AckThrottled: return "invalid segment not answered: ACK throttled (RFC 5961 7)";
    case TcpNote::NoTimeWait: return "counterfactual stack without TIME-WAIT: closing at once (NOT real TCP)";
    case TcpNote::MssZero: return "MSS option of 0 ignored: the default 536 applies";
  }
  return "?";
}

std::string Words::tcp_note(TcpNote note, uint64_t n) const { return tcp_note_text(note, n); }

std::string Words::fault(const FaultDesc& d) const {
  std::string s = d.name.empty() ? d.action : d.name;
  s += " (" + d.action + " ";
  if (d.nth) s += "#" + std::to_string(d.nth) + " ";
  if (d.percent < 100) s += std::to_string(d.percent) + "% of ";
  return s + d.flags + ")";
}

std::string Words::fault_rule(uint32_t n, const FaultDesc& d) const {
  return "fault rule " + std::to_string(n) + ": " + fault(d);
}

std::string Words::mark(const Mark& m) const {
  switch (m.kind) {
    case MarkKind::Retransmission: return "retransmission";
    case MarkKind::FastRetransmission: return "fast retransmission";
    case MarkKind::SpuriousRetransmission: return "spurious retransmission";
    case MarkKind::OutOfOrder: return "out of order";
    case MarkKind::PreviousSegmentNotCaptured: return "previous segment not captured";
    case MarkKind::AckedUnseenSegment: return "ACKed unseen segment";
    case MarkKind::WindowUpdate: return "window update";
    case MarkKind::KeepAlive: return "keep-alive";
    case MarkKind::KeepAliveAck: return "keep-alive ACK";
    case MarkKind::DuplicateAck: return "duplicate ACK " + std::to_string(m.n) + " of frame " + std::to_string(m.of);
    case MarkKind::ZeroWindowProbe: return "zero window probe";
    case MarkKind::ZeroWindow: return "zero window";
    case MarkKind::ZeroWindowProbeAck: return "zero window probe ACK";
    case MarkKind::Count_: break;
  }
  return "?";
}

std::string Words::note(const FrameNote& n, const std::vector<FaultDesc>& rules) const {
  switch (n.kind) {
    case FrameNoteKind::None: return "";
    case FrameNoteKind::Retransmission:
      return "retransmission #" + std::to_string(n.n) + " (" + to_string(n.cause) + ")";
    case FrameNoteKind::SynAgain: return "retransmission (the SYN came again)";
    case FrameNoteKind::GoBack: return "retransmission (go-back)";
    case FrameNoteKind::SimultaneousOpen: return "simultaneous open";
    case FrameNoteKind::KeepAliveProbe: return "keepalive probe #" + std::to_string(n.n);
    case FrameNoteKind::KeepAliveAck: return "keep-alive ACK";
    case FrameNoteKind::ZeroWindowProbe: return "zero-window probe";
    case FrameNoteKind::ZeroWindow: return "zero window";
    case FrameNoteKind::DuplicateAck: return "duplicate ACK";
    case FrameNoteKind::HalfOpenReset: return "reset of a half-open connection (option)";
    case FrameNoteKind::ResetNoListener: return "reset: no connection and no listener on port " + std::to_string(n.n);
    case FrameNoteKind::ResetListenerAck: return "reset: ACK for a connection this listener does not have";
    case FrameNoteKind::Handmade: return "hand-made test segment";
    case FrameNoteKind::ArpRequest: return "ARP request";
    case FrameNoteKind::ArpReply: return "ARP reply";
    case FrameNoteKind::FromKernel: return "from the Linux kernel";
    case FrameNoteKind::FaultCopy:
      return "duplicate made by fault rule " + std::to_string(n.n) + ": " + fault(trace::fault_rule(rules, n.n));
    case FrameNoteKind::FaultCorrupted:
      return "corrupted by fault rule " + std::to_string(n.n) + ": " + fault(trace::fault_rule(rules, n.n));
    case FrameNoteKind::Capture: return n.words;
  }
  return n.words;
}

std::string Words::note_brief(const FrameNote& n, const std::vector<FaultDesc>& rules) const {
  switch (n.kind) {
    case FrameNoteKind::Retransmission: return "retransmission #" + std::to_string(n.n);
    case FrameNoteKind::SynAgain:
    case FrameNoteKind::GoBack: return "retransmission";
    case FrameNoteKind::HalfOpenReset: return "reset of a half-open connection";
    case FrameNoteKind::FaultCopy:
    case FrameNoteKind::FaultCorrupted:
    case FrameNoteKind::Capture: {
      // Words from elsewhere (a fault rule as written): up to their parenthesis.
      const std::string full = note(n, rules);
      const size_t paren = full.find(" (");
      return paren == std::string::npos ? std::string() : full.substr(0, paren);
    }
    default: return "";
  }
}

std::string Words::drop(const Trace& t, const FrameDropped& d) const {
  switch (d.reason) {
    case DropReason::FaultRule: return fault_rule(d.n, t.fault_rule(d.n));
    case DropReason::LinkDown: return "cable down";
    case DropReason::MacFilter: return "NIC: destination MAC " + d.mac.str() + " is not ours";
    case DropReason::RxRingFull: return "NIC rx ring full (" + std::to_string(d.n) + " descriptors)";
    case DropReason::TxQueueFull:
      if (d.site == Site::Switch) return "switch port " + std::to_string(d.n) + " queue full";
      if (d.site == Site::Tap) return "TAP write refused";
      return "NIC tx queue full";
    case DropReason::BadChecksum:
    case DropReason::Malformed: return wire::DecodeError{d.error, d.words}.message();
    case DropReason::NotForUs: return "IP destination " + d.ip.str() + " is not this host";
    case DropReason::SwitchNoPort:
    case DropReason::None: break;
  }
  return to_string(d.reason);
}

std::string Words::call(const AppCall& c) const {
  switch (c.call) {
    case Call::Listen: return "listen(" + std::to_string(c.port) + ")";
    case Call::Connect:
      return "connect(" + c.ip.str() + ":" + std::to_string(c.port) + ") from port " + std::to_string(c.local_port);
    case Call::Send: return "send(" + std::to_string(c.bytes) + " bytes)";
    case Call::Close: return c.idle_ns ? "idle for " + sim::seconds_text(c.idle_ns, {.trim = true}) + ": close()" : "close()";
    case Call::Abort: return "abort() (SO_LINGER 0)";
    case Call::Recv: return "recv(" + std::to_string(c.bytes) + ") took " + std::to_string(c.n) + " bytes";
    case Call::Requests:
      return "request client: " + std::to_string(c.n) + " requests of " + std::to_string(c.bytes) + " bytes, " +
             (c.long_connection ? "one long connection" : "a short connection each");
  }
  return "?";
}

std::string Words::result(const AppResult& r) const {
  switch (r.result) {
    case Result::ListenAddressInUse: return "address already in use";
    case Result::ConnectAddressInUse: return "address already in use (the four-tuple has a connection, e.g. in TIME-WAIT)";
    case Result::SendEpipe: return "send() failed: EPIPE, our side is already closed";
    case Result::SendNotConnected: return "send refused: not connected";
    case Result::Accepted: return "accept() returned";
    case Result::Connected: return "connected";
    case Result::Received: return "recv() got " + std::to_string(r.n) + " bytes";
    case Result::PeerClosed: return "recv() returned 0: the peer closed its side";
    case Result::Ended: return "connection ended: " + cause(r.cause);
    case Result::ReplyComplete: return "reply " + std::to_string(r.n) + " of " + std::to_string(r.of) + " complete";
  }
  return "?";
}

std::string Words::note_event(const Trace& t, uint16_t host, const Note& n) const {
  switch (n.kind) {
    case NoteKind::Tcp: return tcp_note(n.tcp, n.n);
    case NoteKind::CloseUnread: return "close() with " + std::to_string(n.n) + " unread bytes: reset (RFC 2525 2.17)";
    case NoteKind::NoNeighbour: return "no neighbour entry for " + n.ip.str() + ": segment not sent";
    case NoteKind::ArpWhoHas: return "ARP: who has " + n.ip.str() + "?";
    case NoteKind::HandmadeNotSent: return "hand-made segment not sent: " + n.words;
    case NoteKind::HandmadeInjected:
      return "hand-made segment injected (a test segment, not sent by " + t.host_name(host) + "'s TCP): " + n.words;
    case NoteKind::MalformedOption: return "malformed TCP option: the options from it on are ignored (" + n.words + ")";
    case NoteKind::BacklogFull: return "listen backlog full: SYN dropped";
    case NoteKind::ResetNoListener: return "RST: no connection and no listener on port " + std::to_string(n.n);
    case NoteKind::ResetListenerAck: return "RST: ACK for a connection this listener does not have";
    case NoteKind::Capture: return "capture: " + n.words;
  }
  return n.words;
}

std::string Words::cause(tcp::Cause c) const { return tcp::to_string(c); }
std::string Words::link(bool up) const { return up ? "cable up" : "cable down"; }

namespace {

struct EventWords {
  const Words& w;
  const Trace& t;
  uint16_t host;
  std::string operator()(const FrameDropped& d) const { return w.drop(t, d); }
  std::string operator()(const FaultApplied& f) const { return w.fault_rule(f.rule, t.fault_rule(f.rule)); }
  std::string operator()(const LinkState& l) const { return w.link(l.up); }
  std::string operator()(const StateChange& s) const {
    return std::string(tcp::to_string(s.from)) + " -> " + tcp::to_string(s.to);
  }
  std::string operator()(const TimerEvent& m) const { return tcp::to_string(m.timer); }
  std::string operator()(const AppCall& c) const { return w.call(c); }
  std::string operator()(const AppResult& r) const { return w.result(r); }
  std::string operator()(const Note& n) const { return w.note_event(t, host, n); }
  std::string operator()(const auto&) const { return ""; }
};

}  // namespace

std::string Words::event(const Trace& t, const TraceEvent& e) const { return std::visit(EventWords{*this, t, e.host}, e.what); }

std::string Words::detail(const TraceEvent& e) const {
  if (auto* d = e.as<FrameDropped>()) return to_string(d->site);
  if (auto* s = e.as<StateChange>()) {
    if (!s->inferred) return cause(s->cause);
    return s->cause == tcp::Cause::Unknown ? "capture starts mid-connection, inferred" : cause(s->cause) + ", inferred";
  }
  return "";
}

std::string Words::dropped(const std::string& why) const { return "DROPPED (" + why + ")"; }
std::string Words::conn(uint32_t c) const { return "conn " + std::to_string(c); }
std::string Words::app(uint32_t c) const { return "app " + std::to_string(c); }

std::string Words::timer(const std::string& name, TimerAction a, const std::string& due) const {
  switch (a) {
    case TimerAction::Armed: return "timer " + name + " armed, fires at " + due;
    case TimerAction::Cancelled: return "timer " + name + " cancelled";
    case TimerAction::Fired: return "timer " + name + " fired";
  }
  return "";
}

std::string Words::memory(const Memory& m) const {
  return "memory " + std::to_string(m.bytes) + " bytes in " + std::to_string(m.connections) + " connections";
}

std::string Words::nic_drops(const NicCounters& c) const {
  return "NIC drops: filter " + std::to_string(c.filter_drops) + ", rx ring " + std::to_string(c.ring_drops);
}

std::string Words::undecodable(const std::string& why) const { return "undecodable frame: " + why; }

const Words& english() {
  static const Words kEnglish;  // no state: the words are its methods
  return kEnglish;
}

std::string note_text(const FrameNote& n, const std::vector<FaultDesc>& rules) { return english().note(n, rules); }
std::string note_brief(const FrameNote& n, const std::vector<FaultDesc>& rules) { return english().note_brief(n, rules); }
std::string event_text(const Trace& t, const TraceEvent& e) { return english().event(t, e); }
std::string event_detail(const TraceEvent& e) { return english().detail(e); }

std::string describe_frame(const wire::Bytes& frame, uint32_t isn_fwd, uint32_t isn_rev) {
  auto f = wire::decode_frame(frame, false);
  if (!f) return "undecodable frame: " + f.error().message();
  return describe_decoded(*f, isn_fwd, isn_rev);
}

namespace {

// Each event's line of the text trace, given to `emit` with the length of its time column.
template <class F>
void text_lines(const Trace& t, TextOptions opts, const Words& w, F&& emit) {
  RelativeSeq rel;
  for (const TraceEvent& e : t.events()) {
    // The host's name in a column; a long one ("client97") still gets a space after it.
    std::string line = seconds(e.t.ns, 4) + " ";
    const size_t head = line.size();
    line += t.host_name(e.host) + " ";
    while (line.size() < 23) line += ' ';
    switch (e.kind()) {
      case Ev::FrameSent:
      case Ev::FrameDropped:
      case Ev::FrameReceived:
      case Ev::FrameDelivered:
      case Ev::FaultApplied: {
        if (e.kind() == Ev::FrameReceived || e.kind() == Ev::FrameDelivered) continue;  // the wire view: sends and deaths
        const FrameRecord& fr = t.frame(e.frame);
        auto f = wire::decode_frame(fr.bytes, false);
        std::string what;
        if (f) {
          if (opts.relative_seq) rel.learn(*f, fr.note.kind);
          const auto isn = opts.relative_seq ? rel.isns(*f) : std::pair<uint32_t, uint32_t>{0, 0};
          what = describe_decoded(*f, isn.first, isn.second);
        } else {
          what = w.undecodable(f.error().message());
        }
        if (e.kind() == Ev::FrameSent) {
          line += "#" + std::to_string(e.frame) + " " + what;
          if (!fr.note.empty()) line += "  (" + w.note(fr.note, t.fault_rules()) + ")";
          for (const Mark& m : fr.marks) line += "  [" + w.mark(m) + "]";
        } else if (e.kind() == Ev::FaultApplied) {
          line += "#" + std::to_string(e.frame) + " " + w.event(t, e);
        } else {
          line += "#" + std::to_string(e.frame) + " " + w.dropped(w.event(t, e));
        }
        break;
      }
      case Ev::StateChange:
        line += w.conn(e.conn) + " " + w.event(t, e) + "  [" + w.detail(e) + "]";
        break;
      case Ev::TimerArmed:
      case Ev::TimerCancelled:
      case Ev::TimerFired: {
        const TimerEvent& m = *e.as<TimerEvent>();
        line += w.conn(e.conn) + " " +
                w.timer(w.event(t, e), m.action, m.action == TimerAction::Armed ? seconds(m.due_ns) : std::string());
        break;
      }
      case Ev::AppCall:
        line += w.app(e.conn) + " " + w.event(t, e);
        break;
      case Ev::AppResult:
        line += w.app(e.conn) + " <- " + w.event(t, e);
        break;
      case Ev::Tcb: {
        if (!opts.tcb) continue;
        const TcbSnapshot& v = t.tcb_snapshots()[e.as<Tcb>()->snapshot];
        line += w.conn(e.conn) + " tcb snd.una=" + std::to_string(v.snd_una - v.iss) +
                " snd.nxt=" + std::to_string(v.snd_nxt - v.iss) + " snd.wnd=" + std::to_string(v.snd_wnd) +
                " rcv.nxt=" + std::to_string(v.rcv_nxt - v.irs) + " cwnd=" + std::to_string(v.cwnd) +
                " rto=" + std::to_string(v.rto_ns / 1000000) + "ms";
        break;
      }
      case Ev::Memory: {
        line += w.memory(*e.as<Memory>());
        break;
      }
      case Ev::LinkState:
      case Ev::Note:
        line += w.event(t, e);
        break;
      case Ev::NicCounters: {
        line += w.nic_drops(*e.as<NicCounters>());
        break;
      }
    }
    emit(e, line, head);
  }
}

}  // namespace

std::string to_text(const Trace& t, TextOptions opts) {
  std::string out;
  text_lines(t, opts, english(), [&out](const TraceEvent&, const std::string& line, size_t) {
    out += line;
    out += '\n';
  });
  return out;
}

std::vector<TextLine> to_text_lines(const Trace& t, TextOptions opts, const Words* words) {
  std::vector<TextLine> out;
  text_lines(t, opts, words ? *words : english(), [&out, &t](const TraceEvent& e, const std::string& line, size_t head) {
    out.push_back(TextLine{e.t.ns, line.substr(head), static_cast<size_t>(&e - t.events().data())});
  });
  return out;
}

std::string to_json_lines(const Trace& t) {
  std::string out;
  for (const TraceEvent& e : t.events()) {
    nlohmann::ordered_json j;
    j["t_ns"] = e.t.ns;
    j["host"] = t.host_name(e.host);
    j["ev"] = to_string(e.kind());
    if (e.frame) {
      j["frame"] = e.frame;
      const FrameRecord& fr = t.frame(e.frame);
      auto f = wire::decode_frame(fr.bytes, false);
      if (f && f->tcp) {
        j["src"] = f->ip->src.str() + ":" + std::to_string(f->tcp->src_port);
        j["dst"] = f->ip->dst.str() + ":" + std::to_string(f->tcp->dst_port);
        j["flags"] = wire::flags_string(f->tcp->flags);
        j["seq"] = f->tcp->seq;
        j["ack"] = f->tcp->ack;
        j["win"] = f->tcp->window;
        j["len"] = f->tcp->payload.size();
      }
      if (!fr.note.empty()) j["note"] = note_text(fr.note, t.fault_rules());
      if (fr.capture_frame) j["capture_frame"] = fr.capture_frame;
      if (!fr.marks.empty()) {
        std::vector<std::string> marks;
        for (const Mark& m : fr.marks) marks.push_back(english().mark(m));
        j["marks"] = marks;
      }
    }
    if (auto* d = e.as<FrameDropped>(); d && d->reason != DropReason::None) j["reason"] = to_string(d->reason);
    if (e.conn) j["conn"] = e.conn;
    if (auto* tcb = e.as<Tcb>()) {
      const TcbSnapshot& v = t.tcb_snapshots()[tcb->snapshot];
      j["snd_una"] = v.snd_una;
      j["snd_nxt"] = v.snd_nxt;
      j["snd_wnd"] = v.snd_wnd;
      j["rcv_nxt"] = v.rcv_nxt;
      j["rcv_wnd"] = v.rcv_wnd;
      j["cwnd"] = v.cwnd;
      j["ssthresh"] = v.ssthresh;
      j["rto_ns"] = v.rto_ns;
      j["srtt_ns"] = v.srtt_ns;
    } else if (e.kind() != Ev::FrameSent && e.kind() != Ev::FrameReceived && e.kind() != Ev::FrameDelivered) {
      const auto [value, value2] = legacy_values(e);
      if (value || value2) {
        j["value"] = value;
        j["value2"] = value2;
      }
    }
    if (std::string text = event_text(t, e); !text.empty()) j["text"] = std::move(text);
    if (std::string detail = event_detail(e); !detail.empty()) j["detail"] = std::move(detail);
    out += j.dump();
    out += '\n';
  }
  return out;
}

namespace {

// What happened to a frame after it left, as a capture comment.
std::string fate_comment(const Trace& t, const TraceEvent& e) {
  const std::string text = event_text(t, e);
  if (e.kind() == Ev::FaultApplied) return "on the cable: " + text;
  const FrameDropped& d = *e.as<FrameDropped>();
  if (d.site == Site::Cable || d.reason == DropReason::LinkDown) return "dropped on the cable: " + text;
  if (e.host == kNoHost) return "dropped in the network: " + text;
  return "dropped at " + t.host_name(e.host) + ": " + text;
}

DropReason reason_of(const TraceEvent& e) {
  const FrameDropped* d = e.as<FrameDropped>();
  return d ? d->reason : DropReason::None;
}

}  // namespace

wire::Bytes to_pcapng(const Trace& t, uint16_t at_host) {
  // The frame a copy was made from, up to the one its sender sent.
  auto root = [&](uint32_t id) {
    for (int hops = 0; hops < 16 && t.frame(id).copy_of; ++hops) id = t.frame(id).copy_of;
    return id;
  };
  if (at_host != kNoHost) {
    wire::PcapngWriter w(t.host_name(at_host));
    // A drop by the host after its NIC took the frame (a bad checksum): said on that frame.
    std::unordered_map<uint32_t, std::string> dropped_here;
    for (const TraceEvent& e : t.events())
      if (e.kind() == Ev::FrameDropped && e.host == at_host && reason_of(e) != DropReason::RxRingFull &&
          reason_of(e) != DropReason::MacFilter && reason_of(e) != DropReason::TxQueueFull)
        dropped_here[e.frame] = fate_comment(t, e);
    for (const TraceEvent& e : t.events()) {
      if (e.host != at_host || (e.kind() != Ev::FrameSent && e.kind() != Ev::FrameReceived)) continue;
      const FrameRecord& fr = t.frame(e.frame);
      std::vector<std::string> comments;
      if (e.kind() == Ev::FrameReceived && fr.copy_of)
        comments.push_back("a copy made on the cable of frame #" + std::to_string(root(e.frame)));
      if (!fr.note.empty()) comments.push_back(note_text(fr.note, t.fault_rules()));
      if (e.kind() == Ev::FrameReceived) {
        auto d = dropped_here.find(e.frame);
        if (d != dropped_here.end()) comments.push_back(d->second);
      }
      w.add(e.t.ns, fr.bytes, comments);
    }
    return w.bytes();
  }
  // The cable: first what became of each frame (and of its copies), then the frames.
  std::unordered_map<uint32_t, std::vector<std::string>> fate;
  std::unordered_map<uint32_t, int> reached;  // how many NICs took it in (a switch floods)
  std::unordered_map<uint32_t, std::vector<std::string>> filtered;
  for (const TraceEvent& e : t.events()) {
    if (e.kind() != Ev::FaultApplied && e.kind() != Ev::FrameDropped && e.kind() != Ev::FrameReceived) continue;
    const uint32_t r = root(e.frame);
    const std::string copy = e.frame != r ? "its copy " : "";
    if (e.kind() == Ev::FrameReceived) {
      ++reached[r];
      continue;
    }
    std::string c = fate_comment(t, e);
    if (reason_of(e) == DropReason::MacFilter) {
      // A frame flooded past other hosts is no news, unless it reached nobody.
      filtered[r].push_back(copy + c);
      continue;
    }
    std::vector<std::string>& f = fate[r];
    // A fault that drops says so once, as the drop.
    if (e.kind() == Ev::FrameDropped && !f.empty() && f.back() == copy + "on the cable: " + event_text(t, e)) f.pop_back();
    f.push_back(copy + c);
  }
  wire::PcapngWriter w("cable");
  for (const TraceEvent& e : t.events()) {
    if (e.kind() != Ev::FrameSent) continue;
    const FrameRecord& fr = t.frame(e.frame);
    std::vector<std::string> comments;
    if (!fr.note.empty()) comments.push_back(note_text(fr.note, t.fault_rules()));
    auto f = fate.find(e.frame);
    if (f != fate.end()) comments.insert(comments.end(), f->second.begin(), f->second.end());
    auto m = filtered.find(e.frame);
    if (m != filtered.end() && !reached.count(e.frame)) comments.insert(comments.end(), m->second.begin(), m->second.end());
    w.add(e.t.ns, fr.bytes, comments);
  }
  return w.bytes();
}

wire::Bytes to_pcap(const Trace& t) {
  wire::PcapWriter w;
  for (const TraceEvent& e : t.events())
    if (e.kind() == Ev::FrameSent) w.add(e.t.ns, t.frame(e.frame).bytes);
  return w.bytes();
}

}  // namespace synack::trace
