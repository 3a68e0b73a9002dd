// Every scenario's run, exported as pcap and imported again: the capture must hold the
// same TCP segments, connection by connection, and the passive tracker's inferred states
// must equal the simulated ones: the sender's state at every segment it sent, and each
// end's whole sequence of state changes. Where they cannot agree (something invisible on
// the wire), the difference is listed with its reason; any other difference fails.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "capture/streams.hpp"
#include "capture/tracker.hpp"
#include "scenario/scenario.hpp"
#include "trace/export.hpp"
#include "wire/frame.hpp"

using namespace synack;

namespace {

std::vector<std::string> scenario_files() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(SYNACK_SOURCE_DIR) + "/scenarios"))
    if (e.path().extension() == ".toml") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

using Tuple = std::tuple<uint32_t, uint16_t, uint32_t, uint16_t>;
Tuple canonical(uint32_t a, uint16_t ap, uint32_t b, uint16_t bp) {
  return std::make_pair(a, ap) < std::make_pair(b, bp) ? Tuple{a, ap, b, bp} : Tuple{b, bp, a, ap};
}

struct SimChange {
  int64_t t_ns;
  tcp::State from, to;
  tcp::Cause cause;
};

// Differences in the sequence of changes that the wire cannot show; each has its reason.
const char* explain_sequence(const std::vector<SimChange>& sim, const std::string& sim_tail, bool counterfactual) {
  if (counterfactual) return "this run's stack is a counterfactual, not real TCP; the tracker infers real TCP's states";
  if (sim_tail == "TIME-WAIT>CLOSED")
    return "TIME-WAIT ends when its 2MSL timer fires, which sends nothing: no capture can show it";
  for (const SimChange& c : sim)
    if (c.cause == tcp::Cause::GaveUp || c.cause == tcp::Cause::TimedOut)
      return "the end gave its connection up when a timer ran out, sending nothing: the capture sees only what "
             "it did later";
  return nullptr;
}

}  // namespace

class RoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTrip, SameSegmentsAndStates) {
  std::ifstream in(GetParam());
  std::stringstream text;
  text << in.rdbuf();
  auto sc = scenario::parse_scenario(text.str(), GetParam());
  ASSERT_TRUE(sc) << sc.error().str();
  auto world = scenario::build_world(*sc);
  world->run(sc->until);
  const trace::Trace& tr = world->trace();
  const wire::Bytes pcap = trace::to_pcap(tr);
  auto cap = wire::read_capture(pcap);
  ASSERT_TRUE(cap) << cap.error().message();
  auto list = capture::list_streams(*cap, pcap);
  ASSERT_TRUE(list) << list.error().message();

  // The pcapng export (comments on each frame) reads as the same packets, same times.
  const wire::Bytes ng = trace::to_pcapng(tr);
  auto ngcap = wire::read_capture(ng);
  ASSERT_TRUE(ngcap) << ngcap.error().message();
  ASSERT_EQ(ngcap->format, wire::CaptureFormat::Pcapng);
  ASSERT_EQ(ngcap->packets.size(), cap->packets.size());
  for (size_t k = 0; k < cap->packets.size(); ++k) {
    ASSERT_EQ(ngcap->packets[k].time_ns, cap->packets[k].time_ns) << "packet " << k;
    const auto a = cap->bytes(pcap, cap->packets[k]), b = ngcap->bytes(ng, ngcap->packets[k]);
    ASSERT_TRUE(std::equal(a.begin(), a.end(), b.begin(), b.end())) << "packet " << k;
  }

  // The k-th FrameSent is the k-th packet of the capture.
  std::vector<size_t> sent;
  for (size_t i = 0; i < tr.events().size(); ++i)
    if (tr.events()[i].kind() == trace::Ev::FrameSent) sent.push_back(i);
  ASSERT_EQ(sent.size(), cap->packets.size());

  // Same segments: the run's TCP frames grouped by four-tuple, against the streams'.
  std::map<Tuple, std::vector<size_t>> by_tuple_sim, by_tuple_cap;
  for (size_t k = 0; k < sent.size(); ++k) {
    const auto& bytes = tr.frame(tr.events()[sent[k]].frame).bytes;
    ASSERT_EQ(wire::ByteView(bytes).size(), cap->packets[k].captured);
    ASSERT_TRUE(std::equal(bytes.begin(), bytes.end(), pcap.begin() + static_cast<std::ptrdiff_t>(cap->packets[k].offset)));
    auto f = wire::decode_frame(bytes, false);
    if (f && f->tcp) by_tuple_sim[canonical(f->ip->src.v, f->tcp->src_port, f->ip->dst.v, f->tcp->dst_port)].push_back(k);
  }
  for (const capture::Stream& s : list->streams)
    for (uint32_t p : s.packets)
      by_tuple_cap[canonical(s.client.ip.v4(), s.client.port, s.server.ip.v4(), s.server.port)].push_back(p);
  EXPECT_EQ(by_tuple_sim, by_tuple_cap) << "the capture's connections hold other segments than the run sent";

  // The simulated connections, each end's changes, grouped by (host IP, peer IP) in order.
  std::map<std::pair<uint16_t, uint32_t>, std::vector<SimChange>> conn;  // (host, conn)
  std::map<std::pair<uint32_t, uint32_t>, std::vector<std::pair<uint16_t, uint32_t>>> by_pair;
  for (size_t i = 0; i < tr.events().size(); ++i) {
    const trace::TraceEvent& e = tr.events()[i];
    const trace::StateChange* c = e.as<trace::StateChange>();
    if (!c || e.peer_ip == 0) continue;
    const auto key = std::make_pair(e.host, e.conn);
    if (!conn.count(key)) by_pair[{world->hosts()[e.host]->config().ip.v, e.peer_ip}].push_back(key);
    conn[key].push_back({e.t.ns, c->from, c->to, c->cause});
  }

  const std::string name = std::filesystem::path(GetParam()).stem().string();
  size_t segments = 0, agree = 0, explained_segments = 0, sequences = 0, equal = 0, explained = 0;
  std::vector<std::string> wrong;
  std::map<std::pair<uint32_t, uint32_t>, size_t> next;  // per (host IP, peer IP): connections used
  for (size_t si = 0; si < list->streams.size(); ++si) {
    const capture::Stream& s = list->streams[si];
    const auto t = capture::track(*cap, pcap, s);
    const uint32_t ip[2] = {s.client.ip.v4(), s.server.ip.v4()};
    for (int end = 0; end < 2; ++end) {
      // The server end has a connection only if its SYN reached a listener.
      if (end == 1 && !s.syn_ack) continue;
      auto& cands = by_pair[{ip[end], ip[1 - end]}];
      size_t& k = next[{ip[end], ip[1 - end]}];
      if (k >= cands.size()) {
        wrong.push_back("connection " + std::to_string(si) + ": no simulated connection for the " +
                        (end ? "server" : "client"));
        continue;
      }
      const std::vector<SimChange>& sim = conn[cands[k++]];
      // At every segment this end sent: the states its simulated connection held at that
      // instant, against the inferred one. Within one instant the engine may log a state
      // change before or after the frame it belongs with (the ACK of a FIN goes out before
      // CLOSE-WAIT is logged; a close() right after an ACK logs FIN-WAIT-1 after it), so
      // any state held at that instant counts.
      for (const capture::Segment& seg : t.segments) {
        if ((seg.from_client ? 0 : 1) != end) continue;
        const int64_t at = tr.events()[sent[seg.packet]].t.ns;
        tcp::State st = sim.empty() ? tcp::State::Closed : sim.front().from;
        std::vector<tcp::State> held;
        for (const SimChange& c : sim) {
          if (c.t_ns < at) st = c.to;
          else if (c.t_ns == at) held.push_back(c.to);
        }
        held.push_back(st);
        const bool same = std::find(held.begin(), held.end(), seg.state[end]) != held.end();
        ++segments;
        if (same) {
          ++agree;
          continue;
        }
        // Each frame is stamped when its sender sent it: a segment from the other end
        // still on the cable then may or may not have arrived, which that capture point
        // cannot show (the tracker takes it as arrived where seen).
        bool crossing = false;
        for (const capture::Segment& o : t.segments)
          if ((o.from_client ? 0 : 1) != end && o.time_ns <= seg.time_ns && seg.time_ns - o.time_ns < sc->delay.ns)
            crossing = true;
        if (crossing || sc->counterfactual) {
          ++explained_segments;
          std::cout << "  " << name << " connection " << si << " " << (end ? "server" : "client") << " at frame "
                    << seg.packet + 1 << ": simulated " << tcp::to_string(st) << ", inferred "
                    << tcp::to_string(seg.state[end]) << ": explained: "
                    << (sc->counterfactual ? "a counterfactual stack, not real TCP"
                                           : "a segment from the other end was still on the cable when this one left")
                    << "\n";
        } else
          wrong.push_back("connection " + std::to_string(si) + " " + (end ? "server" : "client") + " at frame " +
                          std::to_string(seg.packet + 1) + ": simulated " + tcp::to_string(st) + ", inferred " +
                          tcp::to_string(seg.state[end]));
      }
      // The whole sequence of changes.
      std::string a, b;
      for (const SimChange& c : sim) a += std::string(a.empty() ? "" : " ") + tcp::to_string(c.from) + ">" + tcp::to_string(c.to);
      for (const auto& c : t.changes)
        if (c.end == end) b += std::string(b.empty() ? "" : " ") + tcp::to_string(c.from) + ">" + tcp::to_string(c.to);
      ++sequences;
      if (a == b) {
        ++equal;
        continue;
      }
      const std::string tail = a.size() > b.size() && a.compare(0, b.size(), b) == 0
                                   ? a.substr(b.empty() ? 0 : b.size() + 1) : std::string();
      if (const char* why = explain_sequence(sim, tail, sc->counterfactual)) {
        ++explained;
        std::cout << "  " << name << " connection " << si << " " << (end ? "server" : "client") << ": simulated [" << a
                  << "], inferred [" << b << "]: explained: " << why << "\n";
        continue;
      }
      wrong.push_back("connection " + std::to_string(si) + " " + (end ? "server" : "client") + ": simulated [" + a +
                      "], inferred [" + b + "]");
    }
  }
  std::cout << "  " << name << ": " << list->streams.size() << " connections, " << cap->packets.size()
            << " frames; sender's state agrees at " << agree << " of " << segments << " segments ("
            << explained_segments << " explained); " << equal << " of " << sequences
            << " state sequences equal, " << explained << " explained\n";
  std::string all;
  for (size_t i = 0; i < wrong.size() && i < 20; ++i) all += wrong[i] + "\n";
  EXPECT_TRUE(wrong.empty()) << wrong.size() << " differences:\n" << all;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, RoundTrip, ::testing::ValuesIn(scenario_files()),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           std::string n = std::filesystem::path(i.param).stem().string();
                           for (char& c : n)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });
