// The cost meter under the scene: what a run has cost up to the playhead, from real runs.
#include <gtest/gtest.h>

#include "cost_meter.hpp"
#include "scenario/scenario.hpp"
#include "scenario_file.hpp"
#include "analysis/timeline.hpp"

using namespace synack;
using synack::testing::scenario_file;  // not gtest's namespace testing

namespace {

std::unique_ptr<world::World> run_scenario(const std::string& id) {
  const scenario::Scenario s = scenario_file(id);
  auto w = scenario::build_world(s);
  w->run(s.until);
  return w;
}

// TCP segments in the trace, counted without the meter's code: the lesson checks' count.
int64_t segments_on_timeline(const world::World& w, int64_t t) {
  const analysis::Timeline tl = analysis::build_timeline(w.trace(), 0, 1);
  int64_t n = 0;
  for (const analysis::SegmentView& s : tl.segments) n += !s.is_arp && s.t_sent <= t;
  return n;
}

constexpr int64_t kForever = INT64_MAX;

}  // namespace

TEST(CostMeter, AHandshakeIsThreeTripsOneAndAHalfRoundTrips) {
  auto w = run_scenario("handshake");
  const ui::CostMeter m = ui::build_cost_meter(w->trace());
  const analysis::Timeline tl = analysis::build_timeline(w->trace(), 0, 1);
  ASSERT_GE(tl.segments.size(), 3u);
  EXPECT_EQ(ui::cost_at(m, tl.segments[0].t_sent - 1).segments, 0);
  const ui::Cost after_syn = ui::cost_at(m, tl.segments[0].t_sent);
  EXPECT_EQ(after_syn.segments, 1);
  EXPECT_EQ(after_syn.trips, 1);
  EXPECT_EQ(after_syn.opened, 1);
  const ui::Cost hs = ui::cost_at(m, tl.segments[2].t_sent);
  EXPECT_EQ(hs.segments, 3);
  EXPECT_EQ(hs.trips, 3);
  EXPECT_DOUBLE_EQ(hs.round_trips(), 1.5);
  EXPECT_EQ(hs.data_bytes, 0);
  // SYN and SYN,ACK: Ethernet 14 + IP 20 + TCP 32 (12 of them options); the ACK's 54
  // bytes are padded to Ethernet's 60-byte minimum.
  EXPECT_EQ(hs.bytes, 66 + 66 + 60);
  EXPECT_EQ(ui::host_cost_at(m, 0, tl.segments[2].t_sent).segments, 2);  // SYN and ACK
  EXPECT_EQ(ui::host_cost_at(m, 1, tl.segments[2].t_sent).segments, 1);
  EXPECT_EQ(ui::host_cost_at(m, 1, kForever).accepted, 1);
  EXPECT_EQ(ui::host_cost_at(m, 1, kForever).opened, 0);
}

TEST(CostMeter, TenRequestsShortAndLong) {
  auto short_run = run_scenario("requests-short");
  auto long_run = run_scenario("requests-long");
  const ui::Cost s = ui::cost_at(ui::build_cost_meter(short_run->trace()), kForever);
  const ui::Cost l = ui::cost_at(ui::build_cost_meter(long_run->trace()), kForever);
  EXPECT_EQ(s.segments, segments_on_timeline(*short_run, kForever));
  EXPECT_EQ(l.segments, segments_on_timeline(*long_run, kForever));
  EXPECT_EQ(s.opened, 10);
  EXPECT_EQ(l.opened, 1);
  EXPECT_EQ(s.data_bytes, 10 * 2 * 500);  // each request and its echo
  EXPECT_EQ(l.data_bytes, 10 * 2 * 500);
  // The chain of trips, by hand. Short: the first exchange is SYN 1, SYN,ACK 2, request
  // 3 (behind the ACK), reply 4, FIN 5, the server's ACK and FIN 6, the last ACK 7; the
  // next SYN leaves after the server's FIN arrived, at 7 too, so each further exchange
  // adds 6: 7 + 9 * 6 = 61. Long: SYN 1, SYN,ACK 2, then request and reply 2 trips each
  // (22 after ten), FIN 23, FIN 24, ACK 25.
  EXPECT_EQ(s.trips, 61);
  EXPECT_EQ(l.trips, 25);
}

