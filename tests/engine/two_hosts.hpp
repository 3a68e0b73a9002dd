#pragma once
// Test fixture: a client and a server joined by one cable, plus readers that turn the
// trace into what the tests assert on: the segments on the wire (relative numbers)
// and each host's state sequence.
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "trace/export.hpp"
#include "trace/relative_seq.hpp"
#include "world/world.hpp"
#include "wire/frame.hpp"

namespace synack::testing {

struct Seg {
  std::string from;   // "client" / "server"
  std::string flags;  // "SYN", "SYN,ACK", "ACK", "FIN,ACK", "PSH,ACK", "RST", "RST,ACK"
  uint32_t seq = 0;   // relative to the sender's ISN
  uint32_t ack = 0;   // relative to the receiver's ISN (0 when no ACK flag)
  uint32_t len = 0;
  int64_t t_ns = 0;
  trace::FrameNote note;
  bool operator==(const Seg& o) const {
    return std::tie(from, flags, seq, ack, len) == std::tie(o.from, o.flags, o.seq, o.ack, o.len);
  }
};

inline std::ostream& operator<<(std::ostream& os, const Seg& s) {
  return os << s.from << " " << s.flags << " seq=" << s.seq << " ack=" << s.ack << " len=" << s.len;
}

struct TwoHosts {
  std::unique_ptr<world::World> w;
  host::Host* client = nullptr;
  host::Host* server = nullptr;

  explicit TwoHosts(uint64_t seed = 1, sim::Duration delay = sim::milliseconds(5),
                    tcp::TcpConfig tcp = tcp::TcpConfig::rfc()) {
    w = std::make_unique<world::World>(seed);
    host::HostConfig c{"client", {{2, 0, 0, 0, 0, 1}}, *wire::Ipv4Addr::parse("10.0.0.1"), {}, tcp, {}};
    host::HostConfig s{"server", {{2, 0, 0, 0, 0, 2}}, *wire::Ipv4Addr::parse("10.0.0.2"), {}, tcp, {}};
    client = &w->add_host(c);
    server = &w->add_host(s);
    w->connect(*client, *server, delay);
    w->fill_neighbour_tables();
  }

  wire::Ipv4Addr server_ip() const { return server->config().ip; }
  void at_ms(int64_t ms, std::function<void()> fn) { w->at(sim::Time{0} + sim::milliseconds(ms), std::move(fn)); }
  void run_ms(int64_t ms) { w->run(sim::Time{0} + sim::milliseconds(ms)); }

  // Segments as they left each sender (the wire view, like a capture), with relative numbers.
  std::vector<Seg> segments() const {
    std::vector<Seg> out;
    trace::RelativeSeq rel;
    const trace::Trace& t = w->trace();
    for (const trace::TraceEvent& e : t.events()) {
      if (e.kind() != trace::Ev::FrameSent) continue;
      auto f = wire::decode_frame(t.frame(e.frame).bytes, false);
      if (!f || !f->tcp) continue;
      const wire::TcpSegment& s = *f->tcp;
      const std::string from = t.host_name(e.host);
      rel.learn(*f, t.frame(e.frame).note.kind);
      Seg g;
      g.from = from;
      g.flags = wire::flags_string(s.flags);
      const trace::RelativeSeq::Numbers n = rel.relative(*f);
      g.seq = n.seq;
      g.ack = n.ack;
      g.len = static_cast<uint32_t>(s.payload.size());
      g.t_ns = e.t.ns;
      g.note = t.frame(e.frame).note;
      out.push_back(g);
    }
    return out;
  }

  // The states a host's connections went through, in order ("SYN-SENT", ...).
  std::vector<std::string> states(const std::string& host, uint32_t conn = 0) const {
    std::vector<std::string> out;
    const trace::Trace& t = w->trace();
    for (const trace::TraceEvent& e : t.events()) {
      const trace::StateChange* c = e.as<trace::StateChange>();
      if (!c || t.host_name(e.host) != host) continue;
      if (conn && e.conn != conn) continue;
      out.push_back(tcp::to_string(c->to));
    }
    return out;
  }

  // When a host's connection first went from one state to another (-1: never).
  int64_t entered_at(const std::string& host, tcp::State from, tcp::State to) const {
    const trace::Trace& t = w->trace();
    for (const trace::TraceEvent& e : t.events()) {
      const trace::StateChange* c = e.as<trace::StateChange>();
      if (c && t.host_name(e.host) == host && c->from == from && c->to == to) return e.t.ns;
    }
    return -1;
  }

  size_t count(trace::Ev kind, trace::DropReason reason = trace::DropReason::None) const {
    size_t n = 0;
    for (const trace::TraceEvent& e : w->trace().events())
      if (e.kind() == kind && (reason == trace::DropReason::None ||
                               (e.as<trace::FrameDropped>() && e.as<trace::FrameDropped>()->reason == reason)))
        ++n;
    return n;
  }

  std::string text() const { return trace::to_text(w->trace()); }
};

// A hand-made segment from flags and seq/ack in the [[segment]] syntax ("rcv.nxt+10").
inline host::HandmadeSegment handmade(const char* flags, const char* seq, const char* ack = "rcv.nxt", uint32_t len = 0) {
  host::HandmadeSegment g;
  g.flags = *host::parse_flags(flags);
  g.seq = *host::parse_seq_value(seq);
  g.ack = *host::parse_seq_value(ack);
  g.len = len;
  return g;
}

inline Seg seg(std::string from, std::string flags, uint32_t seq, uint32_t ack, uint32_t len) {
  return Seg{std::move(from), std::move(flags), seq, ack, len, 0, {}};
}

}  // namespace synack::testing
