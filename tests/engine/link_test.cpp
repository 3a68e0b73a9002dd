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
    if (e.kind() == Ev::FrameReceived && received == 0) received = e.t.ns;
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
  EXPECT_TRUE(t.server->pattern_ok(2));
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
    if (auto* c = e.as<trace::StateChange>(); c && c->from == tcp::State::Listen && c->to == tcp::State::SynReceived)
      syn_rcvd = e.t.ns;
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
    if (e.kind() != Ev::FrameReceived || t.w->trace().host_name(e.host) != "server") continue;
    auto f = wire::decode_frame(t.w->trace().frame(e.frame).bytes);
    if (f && !f->tcp->payload.empty()) arrival_seq.push_back(static_cast<uint32_t>(f->tcp->payload.size()));
  }
  ASSERT_GE(arrival_seq.size(), 3u);
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 3000u);
  EXPECT_TRUE(t.server->pattern_ok(2));
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

// A client and a server that both start with empty neighbour tables and resolve by ARP.
struct ArpPair {
  world::World w{1};
  host::Host& client = w.add_host(
      {"client", {{2, 0, 0, 0, 0, 1}}, *wire::Ipv4Addr::parse("10.0.0.1"), {}, {}, {}, true});
  host::Host& server = w.add_host(
      {"server", {{2, 0, 0, 0, 0, 2}}, *wire::Ipv4Addr::parse("10.0.0.2"), {}, {}, {}, true});
  ArpPair() {
    w.connect(client, server, sim::milliseconds(1));
    w.fill_neighbour_tables();  // leaves dynamic hosts empty
  }
};

TEST(Arp, DynamicArpResolvesBeforeTheSyn) {
  ArpPair p;
  world::World& w = p.w;
  host::Host& client = p.client;
  host::Host& server = p.server;
  w.at(sim::Time{0}, [&] { server.listen(80, {}); });
  w.at(sim::Time{0} + sim::milliseconds(1), [&] { client.connect(server.config().ip, 80); });
  w.run(sim::Time{0} + sim::milliseconds(100));
  std::vector<std::string> kinds;
  for (const auto& e : w.trace().events()) {
    if (e.kind() != Ev::FrameSent) continue;
    auto f = wire::decode_frame(w.trace().frame(e.frame).bytes);
    ASSERT_TRUE(f);
    kinds.push_back(f->arp ? (f->arp->op == wire::ArpPacket::Request ? "who-has" : "is-at")
                           : wire::flags_string(f->tcp->flags));
  }
  // The SYN waits for the answer; the server learnt the client from the request and
  // needs no ARP of its own.
  EXPECT_EQ(kinds, (std::vector<std::string>{"who-has", "is-at", "SYN", "SYN,ACK", "ACK"}));
  EXPECT_EQ(client.connection(1)->state(), tcp::State::Established);
}

TEST(Arp, ALostRequestIsAskedAgainWhenTheSynIsRetransmitted) {
  // The first ARP request dies on the cable; the SYN's retransmission a second later
  // waits again and asks again (RFC 1122 2.3.2.1 allows one request a second).
  ArpPair p;
  world::World& w = p.w;
  host::Host& client = p.client;
  host::Host& server = p.server;
  w.faults().push_back(link::FaultRule{.name = "lose the first frame", .match = {.nth = 1}});
  w.at(sim::Time{0}, [&] { server.listen(80, {}); });
  w.at(sim::Time{0}, [&] { client.connect(server.config().ip, 80); });
  w.run(sim::Time{0} + sim::milliseconds(1500));
  std::vector<int64_t> asked_ms;
  for (const auto& e : w.trace().events()) {
    if (e.kind() != Ev::FrameSent || e.host != client.id()) continue;
    auto f = wire::decode_frame(w.trace().frame(e.frame).bytes);
    if (f && f->arp && f->arp->op == wire::ArpPacket::Request) asked_ms.push_back(e.t.ns / 1000000);
  }
  EXPECT_EQ(asked_ms, (std::vector<int64_t>{0, 1000}));
  ASSERT_NE(client.connection(1), nullptr);
  EXPECT_EQ(client.connection(1)->state(), tcp::State::Established);
}

TEST(Switch, HundredClientsEachGetTheirOwnConnection) {
  world::World w(3);
  host::HostConfig sc{"server", {{2, 0, 0, 0, 1, 0}}, *wire::Ipv4Addr::parse("10.0.0.100"), {}, {}, {}};
  host::Host& server = w.add_host(sc);
  std::vector<host::Host*> clients;
  for (int i = 0; i < 100; ++i) {
    host::HostConfig cc{"c" + std::to_string(i), {{2, 0, 0, 0, 0, static_cast<uint8_t>(i + 1)}},
                        wire::Ipv4Addr{0x0a000001u + static_cast<uint32_t>(i)}, {}, {}, {}};
    clients.push_back(&w.add_host(cc));
  }
  w.add_switch(1'000'000'000, 1000);
  w.connect_to_switch(server, sim::microseconds(50));
  for (host::Host* c : clients) w.connect_to_switch(*c, sim::microseconds(50));
  w.fill_neighbour_tables();
  w.at(sim::Time{0}, [&] { server.listen(80, {.echo = true}); });
  for (size_t i = 0; i < clients.size(); ++i) {
    host::Host* c = clients[i];
    w.at(sim::Time{0} + sim::microseconds(10 * static_cast<int64_t>(i) + 10),
         [c, &server] { c->connect(server.config().ip, 80); });
    w.at(sim::Time{0} + sim::milliseconds(50), [c] { c->send(1, 1000); });
  }
  w.run(sim::Time{0} + sim::seconds(2));
  EXPECT_EQ(server.connection_count(), 100u);
  for (host::Host* c : clients) {
    EXPECT_EQ(c->sockets()[0].bytes_received, 1000u) << c->config().name;  // echoed back
    EXPECT_TRUE(c->pattern_ok(1));
  }
  // Until the server has sent a frame the switch does not know its port and floods the
  // clients' SYNs everywhere; other clients' NICs drop them by MAC. After that, never.
  int64_t server_first_send = -1;
  int64_t last_filter_drop = -1;
  size_t drops = 0;
  for (const auto& e : w.trace().events()) {
    if (e.kind() == Ev::FrameSent && e.host == server.id() && server_first_send < 0) server_first_send = e.t.ns;
    if (e.as<trace::FrameDropped>() && e.as<trace::FrameDropped>()->reason == DropReason::MacFilter && e.host == clients[5]->id()) {
      last_filter_drop = e.t.ns;
      ++drops;
    }
  }
  EXPECT_GT(drops, 0u);
  EXPECT_EQ(drops, clients[5]->nic().counters().rx_dropped_filter);
  EXPECT_LT(last_filter_drop, server_first_send + 1000000);
}
