#pragma once
// One Connection alone, driven segment by segment (no host, no cable): a recording Env
// and a connection already in the state a test starts from. Segments in, the exact
// segments out, the state after.
//
// Numbers are absolute and small: our ISS is 1000, the peer's 5000; no window scaling,
// SACK or timestamps, so every segment is its flags, numbers, window and payload.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "tcp/connection.hpp"
#include "trace/export.hpp"
#include "wire/tcp_header.hpp"

namespace synack::testing {

constexpr uint32_t kOurIss = 1000, kPeerIss = 5000;
constexpr uint16_t kOurPort = 1234, kPeerPort = 80, kPeerWindow = 8192;

// What the connection asked of its Env, in order where order matters.
class RecordingEnv final : public tcp::Env {
 public:
  struct Change {
    tcp::State from, to;
    tcp::Cause cause;
  };
  sim::Time t{};
  std::vector<wire::TcpSegment> sent;
  std::vector<trace::FrameNote> sent_notes;
  std::map<tcp::Timer, sim::Time> armed;  // timers running now, by deadline
  std::vector<Change> changes;
  std::vector<std::pair<trace::TcpNote, uint64_t>> notes;
  int established_calls = 0;
  wire::Bytes delivered;
  bool peer_closed_called = false;
  std::optional<tcp::CloseReason> closed_why;

  sim::Time now() const override { return t; }
  void send(const wire::TcpSegment& seg, const trace::FrameNote& note) override {
    sent.push_back(seg);
    sent_notes.push_back(note);
  }
  void arm(tcp::Timer timer, sim::Time deadline) override { armed[timer] = deadline; }
  void cancel(tcp::Timer timer) override { armed.erase(timer); }
  void state_changed(tcp::State from, tcp::State to, tcp::Cause cause) override { changes.push_back({from, to, cause}); }
  void note(trace::TcpNote what, uint64_t n) override { notes.emplace_back(what, n); }
  void established() override { ++established_calls; }
  size_t data_arrived(const wire::Bytes& data) override {
    delivered.insert(delivered.end(), data.begin(), data.end());
    return data.size();  // the application reads everything at once
  }
  void peer_closed() override { peer_closed_called = true; }
  void writable() override {}
  void closed(tcp::CloseReason why) override { closed_why = why; }

  // Forget the outputs so far (the fixture's own path), keep the running timers.
  void clear_outputs() {
    sent.clear();
    sent_notes.clear();
    changes.clear();
    notes.clear();
    delivered.clear();
    established_calls = 0;
    peer_closed_called = false;
  }
};

// A segment as a test writes and reads it: "FIN,ACK 1001/5001 w65535 +0" (flags,
// SEQ/ACK, window, payload bytes). The strings make a failed comparison readable.
inline std::string describe(const wire::TcpSegment& s) {
  return wire::flags_string(s.flags) + " " + std::to_string(s.seq) + "/" + std::to_string(s.ack) + " w" +
         std::to_string(s.window) + " +" + std::to_string(s.payload.size());
}

// A segment from the peer (ports filled in).
inline wire::TcpSegment from_peer(uint8_t flags, uint32_t seq, uint32_t ack, size_t bytes = 0,
                                  uint16_t window = kPeerWindow) {
  wire::TcpSegment s;
  s.src_port = kPeerPort;
  s.dst_port = kOurPort;
  s.flags = flags;
  s.seq = seq;
  s.ack = ack;
  s.window = window;
  s.payload.assign(bytes, 'x');
  return s;
}

// Where a test starts. Each is reached through the connection's own calls and segments
// (an active open unless named otherwise), so a fixture is itself a path of arcs.
enum class At {
  Fresh,          // CLOSED: a new TCB, nothing called yet
  SynSent,        // connect(): our SYN 1000 is out
  SynRcvd,        // passive: the peer's SYN 5000 came to a listener, our SYN,ACK 1000/5001 is out
  SynRcvdActive,  // simultaneous open: in SYN-SENT the peer's SYN 5000 came, our SYN,ACK is out
  Established,    // the peer's SYN,ACK 5000/1001 answered by our ACK 1001/5001
  FinWait1,       // then close(): our FIN 1001 is out
  FinWait2,       // then the peer's ACK 5001/1002
  CloseWait,      // from ESTABLISHED, the peer's FIN 5001 came and was acknowledged (5002)
  Closing,        // from FIN-WAIT-1, the peer's FIN 5001 came before the ACK of ours
  LastAck,        // from CLOSE-WAIT, close(): our FIN 1001/5002 is out
  TimeWait,       // from FIN-WAIT-2, the peer's FIN 5001 came
};

// The RFC profile without the options that would make segments long to write.
inline tcp::TcpConfig plain_config() {
  tcp::TcpConfig c = tcp::TcpConfig::rfc();
  c.window_scaling = false;
  c.sack_permitted = false;
  return c;
}

struct Tcb {
  RecordingEnv env;
  tcp::TcpConfig cfg;
  tcp::Connection c;

  explicit Tcb(At at, tcp::TcpConfig config = plain_config())
      : cfg(config), c(env, cfg, tcp::FourTuple{{0x0a000001}, kOurPort, {0x0a000002}, kPeerPort}, kOurIss) {
    reach(at);
    env.clear_outputs();
  }

  void in(const wire::TcpSegment& s) { c.on_segment(s); }
  // Runs the clock to a timer's deadline and fires it (it must be armed).
  void fire(tcp::Timer timer) {
    const auto it = env.armed.find(timer);
    ASSERT_NE(it, env.armed.end()) << "timer " << tcp::to_string(timer) << " is not armed";
    env.t = it->second;
    env.armed.erase(it);
    c.on_timer(timer);
  }
  void advance_ms(int64_t ms) { env.t = env.t + sim::milliseconds(ms); }
  // What went out since the last call, described; then forgotten.
  std::vector<std::string> out() {
    std::vector<std::string> d;
    for (const wire::TcpSegment& s : env.sent) d.push_back(describe(s));
    env.sent.clear();
    env.sent_notes.clear();
    return d;
  }
  tcp::State state() const { return c.state(); }

 private:
  void reach(At at) {
    using namespace wire::tcpflag;
    switch (at) {
      case At::Fresh: return;
      case At::SynSent: c.open_active(); return;
      case At::SynRcvd: c.open_passive(from_peer(SYN, kPeerIss, 0)); return;
      case At::SynRcvdActive:
        reach(At::SynSent);
        in(from_peer(SYN, kPeerIss, 0));
        return;
      case At::Established:
        reach(At::SynSent);
        in(from_peer(SYN | ACK, kPeerIss, kOurIss + 1));
        return;
      case At::FinWait1:
        reach(At::Established);
        c.close();
        return;
      case At::FinWait2:
        reach(At::FinWait1);
        in(from_peer(ACK, kPeerIss + 1, kOurIss + 2));
        return;
      case At::CloseWait:
        reach(At::Established);
        in(from_peer(FIN | ACK, kPeerIss + 1, kOurIss + 1));
        return;
      case At::Closing:
        reach(At::FinWait1);
        in(from_peer(FIN | ACK, kPeerIss + 1, kOurIss + 1));
        return;
      case At::LastAck:
        reach(At::CloseWait);
        c.close();
        return;
      case At::TimeWait:
        reach(At::FinWait2);
        in(from_peer(FIN | ACK, kPeerIss + 1, kOurIss + 2));
        return;
    }
  }
};

using Outs = std::vector<std::string>;

}  // namespace synack::testing
