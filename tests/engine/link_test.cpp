// NIC, cable and fault behaviour (T19 and the fault actions).
#include <gtest/gtest.h>

#include "two_hosts.hpp"

using namespace synack;
using synack::testing::TwoHosts;
using trace::DropReason;
using trace::Ev;

TEST(Link, SerializationDelayFollowsLineRate) {
  // 1500-byte frame + 24 bytes of preamble, FCS and gap at 100 Mb/s = 121.92 us.
  EXPECT_EQ(link::serialization_delay(1500, 100'000'000).ns, 121920);
  EXPECT_EQ(link::serialization_delay(60, 1'000'000'000).ns, 672);
}

TEST(Link, FrameArrivesAfterSerializationPlusPropagation) {
  TwoHosts t;
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80); });
  t.run_ms(20);
  // The SYN: 66 bytes at 100 Mb/s = 7.2 us, then 5 ms of cable.
  int64_t received = 0;
  for (const auto& e : t.w->trace().events())
    if (e.kind == Ev::FrameReceived && received == 0) received = e.t.ns;
  EXPECT_EQ(received, 10000000 + 7200 + 5000000);
}

TEST(Nic, MacFilterDropsFramesForOthers) {
  TwoHosts t;
  // The client believes the server has another MAC: every frame it sends is filtered.
  t.client->add_neighbour(t.server_ip(), wire::MacAddr{{2, 0, 0, 0, 0, 9}});
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80); });
  t.run_ms(4000);
  const size_t filtered = t.count(Ev::FrameDropped, DropReason::MacFilter);
  EXPECT_EQ(filtered, 3u);  // SYN at 0 s, retransmitted at 1 s and 3 s
  EXPECT_EQ(t.server->nic().counters().rx_dropped_filter, 3u);
  EXPECT_EQ(t.server->nic().counters().rx_frames, 0u);

  TwoHosts p;
  p.server->nic().config().promiscuous = true;
  p.client->add_neighbour(p.server_ip(), wire::MacAddr{{2, 0, 0, 0, 0, 9}});
  p.at_ms(0, [&] { p.server->listen(80, {}); });
  p.at_ms(10, [&] { p.client->connect(p.server_ip(), 80); });
  p.run_ms(20);
  EXPECT_EQ(p.server->nic().counters().rx_dropped_filter, 0u);
  EXPECT_EQ(p.server->nic().counters().rx_frames, 1u);  // a promiscuous NIC takes it
}

TEST(Nic, RxRingOverflowDropsExactlyTheExcess) {
  TwoHosts t(1, sim::microseconds(10));
  // A ring of 4 descriptors drained once per millisecond; the client's bulk send arrives
  // back to back at line rate, much faster than that.
  t.server->nic().config().rx_ring_size = 4;
  t.server->nic().config().drain_interval = sim::milliseconds(1);
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80); });
  t.at_ms(50, [&] { t.client->send(1, 10 * 1460); });
  t.run_ms(60000);
  const auto& c = t.server->nic().counters();
  EXPECT_GT(c.rx_dropped_ring, 0u);
  EXPECT_EQ(c.rx_ring_peak, 4u);
  EXPECT_EQ(t.count(Ev::FrameDropped, DropReason::RxRingFull), c.rx_dropped_ring);
  // TCP recovers by retransmission: every byte arrives, in order.
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 10u * 1460u);
  EXPECT_TRUE(t.server->sockets()[1].received_pattern_ok);
}

namespace {
void add_rule(TwoHosts& t, link::FlagMatch flags, link::FaultActionKind kind, sim::Duration amount = {}) {
  t.w->faults().push_back(link::FaultRule{.match = {.from_host = t.client->id(), .flags = flags, .nth = 1},
                                          .action = {.kind = kind, .amount = amount}});
}
void handshake(TwoHosts& t) {
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80); });
}
}  // namespace

TEST(Fault, DropKillsOneFrameAndTcpRetransmits) {
  TwoHosts t;
  add_rule(t, link::FlagMatch::Syn, link::FaultActionKind::Drop);
  handshake(t);
  t.run_ms(2000);
  EXPECT_EQ(t.count(Ev::FrameDropped, DropReason::FaultRule), 1u);
  EXPECT_EQ(t.count(Ev::FaultApplied), 1u);
  EXPECT_EQ(t.states("client").back(), "ESTABLISHED");  // via the retransmitted SYN at 1.01 s
}

TEST(Fault, DelayHoldsTheFrame) {
  TwoHosts t;
  add_rule(t, link::FlagMatch::Syn, link::FaultActionKind::Delay, sim::milliseconds(300));
  handshake(t);
  t.run_ms(1000);
  int64_t syn_rcvd = 0;
  for (const auto& e : t.w->trace().events())
    if (e.kind == Ev::StateChange && e.text == "LISTEN -> SYN-RCVD") syn_rcvd = e.t.ns;
  EXPECT_EQ(syn_rcvd, 10000000 + 7200 + 5000000 + 300000000);
}

TEST(Fault, DuplicateDeliversTwice) {
  TwoHosts t;
  add_rule(t, link::FlagMatch::Data, link::FaultActionKind::Duplicate, sim::milliseconds(1));
  handshake(t);
  t.at_ms(100, [&] { t.client->send(1, 100); });
  t.run_ms(1000);
  EXPECT_EQ(t.server->nic().counters().rx_frames, 4u);  // SYN, ACK, data, its copy
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 100u);  // TCP discards the duplicate
}

TEST(Fault, ReorderLetsTheNextFrameOvertake) {
  TwoHosts t;
  add_rule(t, link::FlagMatch::Data, link::FaultActionKind::Reorder, sim::seconds(1));
  handshake(t);
  t.at_ms(100, [&] { t.client->send(1, 3000); });  // three segments: 1460, 1460, 80
  t.run_ms(2000);
  std::vector<uint32_t> arrival_seq;
  for (const auto& e : t.w->trace().events()) {
    if (e.kind != Ev::FrameReceived || t.w->trace().host_name(e.host) != "server") continue;
    auto f = wire::decode_frame(t.w->trace().frame(e.frame).bytes);
    if (f && !f->tcp->payload.empty()) arrival_seq.push_back(static_cast<uint32_t>(f->tcp->payload.size()));
  }
  ASSERT_GE(arrival_seq.size(), 3u);
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 3000u);
  EXPECT_TRUE(t.server->sockets()[1].received_pattern_ok);
  // The first data segment arrived second.
  EXPECT_EQ(t.count(Ev::FaultApplied), 1u);
}

TEST(Fault, CorruptFailsTheChecksumAtTheReceiver) {
  TwoHosts t;
  add_rule(t, link::FlagMatch::Data, link::FaultActionKind::Corrupt);
  handshake(t);
  t.at_ms(100, [&] { t.client->send(1, 100); });
  t.run_ms(3000);
  EXPECT_EQ(t.count(Ev::FrameDropped, DropReason::BadChecksum), 1u);
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 100u);  // the retransmission was clean
}

TEST(Fault, LinkDownDropsEverythingForTheInterval) {
  TwoHosts t;
  add_rule(t, link::FlagMatch::Syn, link::FaultActionKind::LinkDown, sim::milliseconds(2500));
  handshake(t);
  t.run_ms(5000);
  // SYN at 0.01 s triggers it; the retransmissions at 1.01 s is lost to the dead link;
  // the one at 3.01 s gets through.
  EXPECT_EQ(t.count(Ev::FrameDropped, DropReason::LinkDown), 1u);
  EXPECT_EQ(t.count(Ev::LinkState), 2u);
  EXPECT_EQ(t.states("client").back(), "ESTABLISHED");
}

TEST(Determinism, SameSeedSameTraceDifferentSeedDifferentIsn) {
  auto run = [](uint64_t seed) {
    TwoHosts t(seed);
    handshake(t);
    t.at_ms(100, [&] { t.client->send(1, 5000); });
    t.at_ms(200, [&] { t.client->close(1); });
    t.run_ms(1000);
    return trace::to_json_lines(t.w->trace());
  };
  EXPECT_EQ(run(7), run(7));
  EXPECT_NE(run(7), run(8));
}
