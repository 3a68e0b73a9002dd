// The mapping from (trace, playhead) to what is on screen, tested without a GPU.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/two_hosts.hpp"
#include "cable_lanes.hpp"
#include "hit_test.hpp"
#include "ladder_layout.hpp"
#include "screen_gaps.hpp"
#include "analysis/timeline.hpp"

using namespace synack;
using synack::testing::TwoHosts;
using analysis::Fate;

namespace {
analysis::Timeline handshake_timeline(bool drop_third_ack) {
  TwoHosts t;
  if (drop_third_ack)
    t.w->faults().push_back(link::FaultRule{.match = {.from_host = t.client->id(), .flags = link::FlagMatch::PureAck, .nth = 1},
                                            .action = {.kind = link::FaultActionKind::Drop}});
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80); });
  t.run_ms(1500);
  return analysis::build_timeline(t.w->trace(), t.client->id(), t.server->id());
}
}  // namespace

TEST(Timeline, SegmentsWithRelativeNumbersAndTimes) {
  const analysis::Timeline tl = handshake_timeline(false);
  ASSERT_EQ(tl.segments.size(), 3u);
  EXPECT_EQ(tl.segments[0].label, "SYN seq=0 ack=0 len=0");
  EXPECT_EQ(tl.segments[1].label, "SYN,ACK seq=0 ack=1 len=0");
  EXPECT_EQ(tl.segments[2].label, "ACK seq=1 ack=1 len=0");
  EXPECT_EQ(tl.segments[0].from_side, 0);
  EXPECT_EQ(tl.segments[1].from_side, 1);
  EXPECT_EQ(tl.segments[0].t_sent, 10000000);
  EXPECT_EQ(tl.segments[0].t_end, 15007200);  // 7.2 us on the wire + 5 ms of cable
  EXPECT_EQ(tl.segments[0].fate, Fate::Arrived);
}

TEST(Timeline, StatesAtThePlayhead) {
  const analysis::Timeline tl = handshake_timeline(false);
  EXPECT_EQ(analysis::state_at(tl, 0, 0), "CLOSED");
  EXPECT_EQ(analysis::state_at(tl, 0, 10000000), "SYN-SENT");
  EXPECT_EQ(analysis::state_at(tl, 1, 10000000), "LISTEN");
  EXPECT_EQ(analysis::state_at(tl, 1, 15007200), "SYN-RCVD");  // the instant the SYN arrives
  EXPECT_EQ(analysis::state_at(tl, 0, 20014400), "ESTABLISHED");
  EXPECT_EQ(analysis::state_at(tl, 1, 25021119), "SYN-RCVD");
  EXPECT_EQ(analysis::state_at(tl, 1, 25021120), "ESTABLISHED");
}

TEST(Timeline, SegmentPositionAlongTheCable) {
  const analysis::Timeline tl = handshake_timeline(false);
  const analysis::SegmentView& syn = tl.segments[0];
  EXPECT_LT(analysis::position_at(syn, 9999999, 0), 0.0f);  // not sent yet
  EXPECT_FLOAT_EQ(analysis::position_at(syn, syn.t_sent, 0), 0.0f);
  EXPECT_NEAR(analysis::position_at(syn, (syn.t_sent + syn.t_end) / 2, 0), 0.5f, 0.001f);
  EXPECT_FLOAT_EQ(analysis::position_at(syn, syn.t_end, 0), 1.0f);
  EXPECT_LT(analysis::position_at(syn, syn.t_end + 1, 1000000), 0.0f);  // arrived: gone from the cable
}

TEST(Timeline, DroppedSegmentDiesMidCableAndLingers) {
  const analysis::Timeline tl = handshake_timeline(true);
  const analysis::SegmentView& ack = tl.segments[2];
  EXPECT_EQ(ack.fate, Fate::DiedOnCable);
  EXPECT_EQ(ack.drop, trace::DropReason::FaultRule);
  EXPECT_EQ(ack.drop_value, 1);  // the rule's number, which the timeline's rules say
  ASSERT_EQ(tl.faults.size(), 1u);
  EXPECT_EQ(tl.faults[0].action, "drop");
  EXPECT_FLOAT_EQ(analysis::position_at(ack, ack.t_end, 0), 0.5f);
  EXPECT_FLOAT_EQ(analysis::position_at(ack, ack.t_end + 1000, 1000000), 0.5f);  // lingers where it died
  EXPECT_LT(analysis::position_at(ack, ack.t_end + 2000000, 1000000), 0.0f);
  // The SYN-ACK retransmission that follows is marked as such.
  ASSERT_GE(tl.segments.size(), 4u);
  EXPECT_TRUE(tl.segments[3].retransmission());
}

TEST(Timeline, RunningTimersCountDown) {
  const analysis::Timeline tl = handshake_timeline(true);
  // The server's SYN-ACK timer: armed when the SYN-ACK left at 15.0072 ms, 1 s RTO.
  auto timers = analysis::timers_at(tl, 1, 500000000);
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers[0].name, "RTO");
  EXPECT_EQ(timers[0].deadline, 1015007200);
  EXPECT_TRUE(analysis::timers_at(tl, 0, 500000000).empty());  // the client has nothing outstanding
}

TEST(Timeline, SteppingVisitsEveryEventInOrder) {
  const analysis::Timeline tl = handshake_timeline(false);
  int64_t t = 0;
  std::vector<int64_t> visited;
  for (int i = 0; i < 100; ++i) {
    const int64_t n = analysis::next_event(tl, t);
    if (n == t) break;
    visited.push_back(n);
    t = n;
  }
  EXPECT_EQ(visited, std::vector<int64_t>(tl.event_times.begin() + (tl.event_times.front() == 0 ? 1 : 0),
                                          tl.event_times.end()));
  EXPECT_EQ(analysis::prev_event(tl, visited.back()), visited[visited.size() - 2]);
  EXPECT_EQ(analysis::prev_event(tl, 0), 0);
}

TEST(Timeline, LadderRowsFollowEvents) {
  const analysis::Timeline tl = handshake_timeline(false);
  ASSERT_GE(tl.event_times.size(), 3u);
  EXPECT_FLOAT_EQ(analysis::ladder_row(tl, tl.event_times[0]), 0.0f);
  EXPECT_FLOAT_EQ(analysis::ladder_row(tl, tl.event_times[2]), 2.0f);
  const int64_t mid = (tl.event_times[1] + tl.event_times[2]) / 2;
  EXPECT_NEAR(analysis::ladder_row(tl, mid), 1.5f, 0.01f);
}

TEST(CableLanes, ChipsApartShareTheLaneNextToTheCable) {
  const std::vector<int> lanes = ui::assign_lanes({{0, 100}, {110, 200}, {300, 400}}, 3, 4.0f);
  EXPECT_EQ(lanes, (std::vector<int>{0, 0, 0}));
}

TEST(CableLanes, OverlappingChipsStackOutward) {
  // The second chip starts inside the first; the third is clear of the second only.
  // Closer than the gap counts as touching.
  const std::vector<int> lanes = ui::assign_lanes({{0, 100}, {50, 150}, {102, 180}, {160, 260}}, 3, 4.0f);
  EXPECT_EQ(lanes, (std::vector<int>{0, 1, 2, 0}));
}

TEST(CableLanes, ChipsBeyondTheLanesAreLeftOut) {
  // A window of data in flight, all bunched near the receiver: two lanes show two chips.
  std::vector<ui::ChipSpan> chips;
  for (int i = 0; i < 6; ++i) chips.push_back({static_cast<float>(i * 10), static_cast<float>(i * 10 + 200)});
  const std::vector<int> lanes = ui::assign_lanes(chips, 2, 4.0f);
  EXPECT_EQ(lanes, (std::vector<int>{0, 1, -1, -1, -1, -1}));
  EXPECT_EQ(ui::assign_lanes(chips, 0, 4.0f), (std::vector<int>(6, -1)));
}

TEST(CableLanes, SelectedOrDeadChipsAreNeverCrowdedOut) {
  // The last chip is the one the learner clicked: it takes the lane by the cable and an
  // ordinary chip gives way.
  const std::vector<int> lanes =
      ui::assign_lanes({{0, 100}, {10, 110}, {20, 120, true}}, 2, 4.0f);
  EXPECT_EQ(lanes, (std::vector<int>{1, -1, 0}));
}

namespace {
// How many of `rects` hold each pixel of a w x h screen.
std::vector<int> coverage(int w, int h, const std::vector<ui::PixelRect>& rects) {
  std::vector<int> n(static_cast<size_t>(w * h), 0);
  for (const ui::PixelRect& r : rects)
    for (int y = std::max(r.y0, 0); y < std::min(r.y1, h); ++y)
      for (int x = std::max(r.x0, 0); x < std::min(r.x1, w); ++x) ++n[static_cast<size_t>(y * w + x)];
  return n;
}
}  // namespace

TEST(ScreenGaps, NoPanelsLeaveTheWholeScreen) {
  const std::vector<ui::PixelRect> gaps = ui::uncovered(640, 480, {});
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].x1 - gaps[0].x0, 640);
  EXPECT_EQ(gaps[0].y1 - gaps[0].y0, 480);
  EXPECT_TRUE(ui::uncovered(640, 480, {{-5, -5, 700, 500}}).empty());
}

TEST(ScreenGaps, TwoPanelsSideBySideLeaveTheFrameAroundThem) {
  // A 10-pixel margin and gutter, as between synack's panels.
  const std::vector<ui::PixelRect> gaps = ui::uncovered(100, 50, {{10, 10, 45, 40}, {55, 10, 90, 40}});
  int area = 0;
  for (const ui::PixelRect& g : gaps) area += (g.x1 - g.x0) * (g.y1 - g.y0);
  EXPECT_EQ(area, 100 * 50 - 2 * 35 * 30);
  EXPECT_EQ(gaps.size(), 5u);  // the band above, three strips beside, the band below
}

TEST(ScreenGaps, GapsAndPanelsTileTheScreenOnce) {
  // Overlapping, nested, touching and off-screen panels, from a fixed pseudo-random
  // sequence: every pixel is in exactly one panel-or-gap count class.
  uint32_t seed = 12345;
  auto next = [&](int m) { seed = seed * 1103515245u + 12345u; return static_cast<int>((seed >> 8) % static_cast<uint32_t>(m)); };
  for (int round = 0; round < 50; ++round) {
    const int w = 20 + next(30), h = 20 + next(30);
    std::vector<ui::PixelRect> panels;
    for (int i = next(6); i > 0; --i) {
      const int x = next(w + 10) - 5, y = next(h + 10) - 5;
      panels.push_back({x, y, x + 1 + next(w), y + 1 + next(h)});
    }
    const std::vector<int> under = coverage(w, h, panels), gap = coverage(w, h, ui::uncovered(w, h, panels));
    for (size_t p = 0; p < gap.size(); ++p) {
      ASSERT_EQ(gap[p], under[p] == 0 ? 1 : 0) << "round " << round << " pixel " << p;
    }
  }
}

TEST(CableLanes, ACaptionKeepsTheLaneOutwardOfItsChip) {
  // A dead chip with its reason under it takes two lanes; a chip beside it in x goes on
  // past both, one clear of it shares the lane by the cable.
  const std::vector<int> lanes = ui::assign_lanes({{0, 100}, {50, 150, true, 2}, {200, 300}}, 3, 4.0f);
  EXPECT_EQ(lanes, (std::vector<int>{2, 0, 0}));
  // In the outermost lane the caption spills past the lanes rather than the chip being lost.
  EXPECT_EQ(ui::assign_lanes({{0, 100}, {50, 150, true, 2}}, 1, 4.0f), (std::vector<int>{-1, 0}));
}

TEST(HitTest, AClickNearAnArrowFindsIt) {
  // An arrow from (0,0) to (100,50): its middle, a point 3 px off it, and beyond its end.
  EXPECT_FLOAT_EQ(ui::distance_to_segment(50, 25, 0, 0, 100, 50), 0.0f);
  EXPECT_NEAR(ui::distance_to_segment(50, 25 + 3.0f * std::sqrt(1.25f), 0, 0, 100, 50), 3.0f, 1e-3f);
  EXPECT_FLOAT_EQ(ui::distance_to_segment(110, 50, 0, 0, 100, 50), 10.0f);
  EXPECT_FLOAT_EQ(ui::distance_to_segment(3, 4, 0, 0, 0, 0), 5.0f);  // an arrow of no length yet
}

namespace {
// Text 8 px per character, a line of 16 px: sizes without a font.
ui::LadderGeometry fixed_geometry(float width) {
  ui::LadderGeometry g;
  g.width = width;
  g.line = 16;
  g.text_width = [](const std::string& s) {
    float n = 0;
    for (unsigned char c : s) n += (c & 0xc0) != 0x80;  // one per UTF-8 character
    return n * 8;
  };
  g.chips_width = [](uint8_t) { return 30.0f; };
  g.hidden_text = [](int n) { return std::to_string(n) + " left out"; };
  return g;
}
}  // namespace

// A timer firing and a state change on one side at one instant: each gets its own place,
// apart ("keepalive firedCLOSED" must not happen), inside the panel.
TEST(LadderLayout, ATimerAndAStateAtOneInstantStayApart) {
  analysis::Timeline tl;
  tl.left_name = "client";
  tl.right_name = "server";
  for (int64_t when : {100, 200}) tl.event_times.push_back(when);
  tl.states.push_back(analysis::StateMark{1, 200, 0, "ESTABLISHED", "CLOSED", {}, {}});
  tl.timers.push_back(analysis::TimerMark{1, 200, tcp::Timer::Keepalive, "keepalive", trace::TimerAction::Fired, 0});
  tl.timers.push_back(analysis::TimerMark{1, 200, tcp::Timer::Retransmit, "RTO", trace::TimerAction::Armed, 900});  // not a firing: no label
  for (const float width : {600.0f, 300.0f}) {
    const ui::LadderLayout l = ui::layout_ladder(tl, 300, -1, true, fixed_geometry(width));
    ASSERT_EQ(l.labels.size(), 4u) << width;  // two names, the state, the timer
    EXPECT_EQ(ui::label_overlaps(l, 2.0f), 0) << width;
    EXPECT_EQ(ui::labels_outside(l), 0) << width;
    EXPECT_EQ(l.labels[2].kind, ui::LabelKind::State);
    EXPECT_EQ(l.labels[3].kind, ui::LabelKind::Timer);
    EXPECT_EQ(l.labels[3].text.rfind("keepalive", 0), 0u);
  }
}

// Many segments in flight at once in a narrow panel: labels move, shorten, and what has
// no room at all is counted in a label of its own, never drawn over another.
TEST(LadderLayout, ACrowdIsShortenedThenCountedNeverPiledUp) {
  analysis::Timeline tl;
  tl.left_name = "client";
  tl.right_name = "server";
  // Forty segments sent at one instant, arriving at another: forty labels for one row.
  for (int i = 0; i < 40; ++i) {
    analysis::SegmentView s;
    s.t_sent = 1000;
    s.t_end = 5000;
    s.flags = 0x10;
    s.seq = static_cast<uint32_t>(i * 1000);
    s.ack = 1;
    s.len = 1000;
    s.note = {.kind = trace::FrameNoteKind::Retransmission, .cause = trace::RetransmitCause::Timeout, .n = 1};
    tl.segments.push_back(s);
  }
  tl.event_times = {1000, 5000};
  const ui::LadderLayout l = ui::layout_ladder(tl, 6000, -1, true, fixed_geometry(320));
  EXPECT_EQ(ui::label_overlaps(l, 2.0f), 0);
  EXPECT_EQ(ui::labels_outside(l), 0);
  int shortened = 0, counted = 0;
  for (const ui::LadderLabel& x : l.labels) {
    shortened += x.level > 0;
    if (x.kind == ui::LabelKind::Hidden) {
      ++counted;
      EXPECT_EQ(x.text, std::to_string(l.hidden) + " left out");
    }
  }
  EXPECT_GT(shortened, 0);
  EXPECT_GT(l.hidden, 0);
  EXPECT_EQ(counted, 1);
  EXPECT_EQ(static_cast<int>(l.labels.size()) - 3 + l.hidden, 40);  // names and the count aside
}

// A label keeps off arrowheads when there is room elsewhere.
TEST(LadderLayout, LabelsKeepOffArrowheads) {
  const analysis::Timeline tl = handshake_timeline(true);
  const ui::LadderLayout l = ui::layout_ladder(tl, tl.end_ns, -1, true, fixed_geometry(700));
  ASSERT_GE(l.arrows.size(), 3u);
  int heads = 0;
  for (const ui::LadderArrow& a : l.arrows) {
    if (!a.head && !a.cross) continue;
    ++heads;
    for (const ui::LadderLabel& x : l.labels) EXPECT_FALSE(x.rect.intersects(ui::arrow_end_rect(a, 16))) << x.text;
  }
  EXPECT_GE(heads, 3);
  EXPECT_EQ(l.on_heads, 0);
  EXPECT_EQ(ui::label_overlaps(l, 2.0f), 0);
}

// A cable chip whose numbers do not fit between the cards drops the window, then the
// numbers: absolute sequence numbers made chips that ran over the server's card.
TEST(CableLanes, AChipTooWideForTheCableTakesAShorterText) {
  EXPECT_EQ(ui::first_fitting({300, 200, 60}, 400), 0u);
  EXPECT_EQ(ui::first_fitting({300, 200, 60}, 250), 1u);
  EXPECT_EQ(ui::first_fitting({300, 200, 60}, 100), 2u);
  EXPECT_EQ(ui::first_fitting({300, 200, 60}, 10), 2u);  // the shortest, however narrow
}
