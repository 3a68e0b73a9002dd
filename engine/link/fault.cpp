#include "link/fault.hpp"

namespace synack::link {

const char* to_string(FlagMatch m) {
  switch (m) {
    case FlagMatch::Any: return "any";
    case FlagMatch::Syn: return "syn";
    case FlagMatch::SynAck: return "syn-ack";
    case FlagMatch::PureAck: return "ack";
    case FlagMatch::Data: return "data";
    case FlagMatch::Fin: return "fin";
    case FlagMatch::Rst: return "rst";
  }
  return "any";
}

std::optional<FlagMatch> parse_flag_match(const std::string& s) {
  for (FlagMatch m : {FlagMatch::Any, FlagMatch::Syn, FlagMatch::SynAck, FlagMatch::PureAck, FlagMatch::Data,
                      FlagMatch::Fin, FlagMatch::Rst})
    if (s == to_string(m)) return m;
  return std::nullopt;
}

const char* to_string(FaultActionKind k) {
  switch (k) {
    case FaultActionKind::Drop: return "drop";
    case FaultActionKind::Delay: return "delay";
    case FaultActionKind::Duplicate: return "duplicate";
    case FaultActionKind::Reorder: return "reorder";
    case FaultActionKind::Corrupt: return "corrupt";
    case FaultActionKind::LinkDown: return "link-down";
  }
  return "drop";
}

std::optional<FaultActionKind> parse_fault_action(const std::string& s) {
  for (FaultActionKind k : {FaultActionKind::Drop, FaultActionKind::Delay, FaultActionKind::Duplicate,
                            FaultActionKind::Reorder, FaultActionKind::Corrupt, FaultActionKind::LinkDown})
    if (s == to_string(k)) return k;
  return std::nullopt;
}

trace::FaultDesc FaultRule::desc() const {
  return trace::FaultDesc{.name = name,
                          .action = to_string(action.kind),
                          .flags = to_string(match.flags),
                          .nth = match.nth,
                          .percent = match.chance_ppm / 10000};
}

bool flags_match(FlagMatch m, uint8_t tcp_flags, size_t payload_len) {
  using namespace wire::tcpflag;
  const uint8_t f = tcp_flags;
  switch (m) {
    case FlagMatch::Any: return true;
    case FlagMatch::Syn: return (f & SYN) && !(f & ACK);
    case FlagMatch::SynAck: return (f & SYN) && (f & ACK);
    case FlagMatch::PureAck: return (f & ACK) && !(f & (SYN | FIN | RST)) && payload_len == 0;
    case FlagMatch::Data: return payload_len > 0;
    case FlagMatch::Fin: return (f & FIN) != 0;
    case FlagMatch::Rst: return (f & RST) != 0;
  }
  return false;
}

bool frame_matches(const FaultMatch& m, const wire::DecodedFrame* frame, uint16_t from, sim::Time now) {
  if (m.from_host != trace::kNoHost && m.from_host != from) return false;
  if (now < m.after || now >= m.before) return false;
  const wire::TcpSegment* tcp = frame && frame->tcp ? &*frame->tcp : nullptr;
  if (m.flags != FlagMatch::Any && (!tcp || !flags_match(m.flags, tcp->flags, tcp->payload.size()))) return false;
  if (m.seq_from || m.seq_to) {
    if (!tcp) return false;
    // Sequence numbers wrap: compare by distance from the range start (RFC 9293 3.4).
    const uint32_t lo = m.seq_from.value_or(0), hi = m.seq_to.value_or(0xffffffffu);
    if (tcp->seq - lo > hi - lo) return false;
  }
  return true;
}

}  // namespace synack::link
