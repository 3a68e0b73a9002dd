// Randomized property test: over many seeds, with loss, duplication, reordering and
// delay on the cable, random sizes in both directions and a half-close, either both
// applications receive exactly the bytes sent, or both see an error. The TCB
// invariants hold at every step.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>

#include "sim/rng.hpp"
#include "tcp/seq.hpp"
#include "two_hosts.hpp"

using namespace synack;
using synack::testing::TwoHosts;

namespace {

int seeds_to_run() {
  // SYNACK_PROPERTY_SEEDS scales the run (the long run uses 100000).
  if (const char* s = std::getenv("SYNACK_PROPERTY_SEEDS")) return std::max(1, std::atoi(s));
  return 1000;
}

struct Outcome {
  bool ok = true;
  std::string why;
  bool errors = false;  // both sides saw an error (the other half of the property)
};

// Wire invariants over the whole trace, per sender: no byte beyond the right edge of the
// receive window it has been told about (RFC 9293 3.8.6), and no data after its FIN.
std::string check_wire_invariants(const TwoHosts& t) {
  const trace::Trace& tr = t.w->trace();
  std::map<uint16_t, uint32_t> right_edge;   // sender -> highest ack + window it has received
  std::map<uint16_t, uint8_t> peer_shift;    // sender -> the peer's window scale
  std::map<uint16_t, uint32_t> fin_seq;      // sender -> where its FIN sits
  std::map<uint16_t, bool> offered_scale;
  for (const trace::TraceEvent& e : tr.events()) {
    if (e.kind() != trace::Ev::FrameSent && e.kind() != trace::Ev::FrameReceived) continue;
    auto f = wire::decode_frame(tr.frame(e.frame).bytes, false);
    if (!f || !f->tcp) continue;
    const wire::TcpSegment& s = *f->tcp;
    if (e.kind() == trace::Ev::FrameSent) {
      if (s.has(wire::tcpflag::SYN)) offered_scale[e.host] = s.options.window_scale.has_value();
      const uint32_t end = s.seq + static_cast<uint32_t>(s.payload.size());
      if (!s.payload.empty() && right_edge.count(e.host) && tcp::seq_gt(end, right_edge[e.host]))
        return "host " + tr.host_name(e.host) + " sent beyond the peer's window";
      if (!s.payload.empty() && fin_seq.count(e.host) && tcp::seq_gt(end, fin_seq[e.host]))
        return "host " + tr.host_name(e.host) + " sent data after its FIN";
      if (s.has(wire::tcpflag::FIN)) fin_seq[e.host] = end;
    } else {  // received by e.host: what it learns about its peer's window
      if (s.has(wire::tcpflag::SYN)) {
        peer_shift[e.host] = s.options.window_scale.value_or(0);
        if (!s.options.window_scale) peer_shift[e.host] = 0;
      }
      if (!s.has(wire::tcpflag::ACK)) continue;
      const bool scaled = !s.has(wire::tcpflag::SYN) && offered_scale[e.host];
      const uint32_t edge = s.ack + (static_cast<uint32_t>(s.window) << (scaled ? peer_shift[e.host] : 0));
      if (!right_edge.count(e.host) || tcp::seq_gt(edge, right_edge[e.host])) right_edge[e.host] = edge;
    }
  }
  return "";
}

Outcome run_seed(uint64_t seed) {
  sim::Rng r(seed * 7919 + 1);
  tcp::TcpConfig cfg;
  cfg.msl = sim::seconds(1);
  cfg.delayed_ack = r.below(2) == 1;
  cfg.timestamps = r.below(2) == 1;
  cfg.recv_buffer = static_cast<uint32_t>(2000 + r.below(60000));
  TwoHosts t(seed, sim::microseconds(100 + static_cast<int64_t>(r.below(20000))), cfg);
  // Faults: loss, duplication, reordering and delay, each on up to 5% of frames
  // (up to 20% of frames disturbed in all), in both directions.
  const link::FaultActionKind kinds[] = {link::FaultActionKind::Drop, link::FaultActionKind::Duplicate,
                                         link::FaultActionKind::Reorder, link::FaultActionKind::Delay};
  for (const auto kind : kinds) {
    link::FaultRule rule;
    rule.match.chance_ppm = static_cast<uint32_t>(r.below(50001));
    rule.action.kind = kind;
    rule.action.amount = sim::milliseconds(1 + static_cast<int64_t>(r.below(300)));
    t.w->faults().push_back(rule);
  }
  const uint64_t up = 1 + r.below(200000), down = 1 + r.below(200000);
  // The server closes when it reads the client's FIN, after its own data has gone out:
  // a half-close, the server still sending. (A close scripted at a fixed time missed the
  // connection when lost SYNs delayed it past that time: seed 5024 and others.)
  t.at_ms(0, [&] { t.server->listen(80, {.close_on_eof = true, .send_on_accept = down}); });
  t.at_ms(1, [&] { t.client->connect(t.server_ip(), 80); });
  t.at_ms(50, [&] { t.client->send(1, up); });
  t.at_ms(70, [&] { t.client->close(1); });

  // Step through the run and check invariants on every live connection.
  Outcome out;
  const sim::Time end = sim::Time{0} + sim::seconds(600);
  while (!t.w->queue().empty() && t.w->queue().next_time() <= end) {
    t.w->queue().run_next();
    for (host::Host* h : {t.client, t.server}) {
      for (const auto& s : h->sockets()) {
        const tcp::Connection* c = h->connection(s.id);
        if (!c) continue;
        const auto v = c->vars();
        if (!tcp::seq_le(v.snd_una, v.snd_nxt)) return {false, "SND.UNA > SND.NXT on " + h->config().name};
      }
    }
  }
  if (std::getenv("SYNACK_PROPERTY_DUMP")) std::fprintf(stderr, "%s", t.text().c_str());
  if (auto why = check_wire_invariants(t); !why.empty()) return {false, why};
  const host::SocketInfo& cs = t.client->sockets()[0];
  if (t.server->sockets().size() < 2) {
    if (cs.error) return {};  // the client gave up before the server ever heard of it
    return {false, "server never accepted"};
  }
  const host::SocketInfo& ss = t.server->sockets()[1];
  const bool both_ok = !cs.error && !ss.error;
  if (both_ok) {
    if (ss.bytes_received != up) return {false, "server got " + std::to_string(ss.bytes_received) + " of " + std::to_string(up)};
    if (cs.bytes_received != down) return {false, "client got " + std::to_string(cs.bytes_received) + " of " + std::to_string(down)};
    if (!t.server->pattern_ok(ss.id)) return {false, "server: bytes arrived corrupted or out of order"};
    if (!t.client->pattern_ok(cs.id)) return {false, "client: bytes arrived corrupted or out of order"};
    if (!cs.done || !ss.done) return {false, "a connection never finished"};
  } else if (!cs.error || !ss.error) {
    const host::SocketInfo& fine = cs.error ? ss : cs;
    return {false, std::string("one side saw an error and the other did not: ") + (cs.error ? "client " : "server ") +
                       tcp::to_string(cs.error ? *cs.error : *ss.error) + ", the other got " +
                       std::to_string(fine.bytes_received) + " bytes"};
  } else {
    out.errors = true;
  }
  return out;
}

}  // namespace

// The seeds in four shards, each its own ctest entry, so that the run (about 100 s in a
// debug build, longer under ASan) is shared between the machine's cores instead of being
// the last test standing.
constexpr int kShards = 4;

class TcpProperty : public ::testing::TestWithParam<int> {};

TEST_P(TcpProperty, EveryByteArrivesOrBothSidesSeeAnError) {
  const int n = seeds_to_run();
  const int first = std::getenv("SYNACK_PROPERTY_FIRST") ? std::atoi(std::getenv("SYNACK_PROPERTY_FIRST")) : 1;
  const int shard = GetParam();
  const int begin = first + n * shard / kShards, end = first + n * (shard + 1) / kShards;
  int failures = 0, with_errors = 0;
  for (int seed = begin; seed < end; ++seed) {
    const Outcome o = run_seed(static_cast<uint64_t>(seed));
    with_errors += o.errors;
    if (!o.ok) {
      ADD_FAILURE() << "seed " << seed << ": " << o.why;
      if (++failures >= 5) break;
    }
  }
  // How often the error half of the property was exercised (the seeds where both sides
  // saw an error); printed, not asserted: it depends on the seeds run.
  std::printf("seeds %d to %d, %d with both sides seeing an error\n", begin, end - 1, with_errors);
}

INSTANTIATE_TEST_SUITE_P(Seeds, TcpProperty, ::testing::Range(0, kShards));
