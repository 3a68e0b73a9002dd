// Side by side's comparison of two runs: segments in, the exact pairing and differences
// out; states in, the exact stretches where they differ; and the two runs of the
// course's side-by-side lessons, as they really run.
#include <gtest/gtest.h>

#include "analysis/run_compare.hpp"
#include "analysis/run_pair.hpp"
#include "scenario_file.hpp"
#include "wire/tcp_header.hpp"

using namespace synack;
using synack::testing::scenario_file;  // not gtest's namespace testing
namespace f = wire::tcpflag;

namespace {

analysis::SegmentView seg(int from, int64_t t_ms, uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len = 0) {
  analysis::SegmentView s;
  s.from_side = from;
  s.t_sent = t_ms * 1'000'000;
  s.t_end = s.t_sent + 5'000'000;
  s.flags = flags;
  s.seq = seq;
  s.ack = ack;
  s.len = len;
  return s;
}

analysis::Timeline run_of(std::vector<analysis::SegmentView> segs, int64_t end_ms = 1000) {
  analysis::Timeline tl;
  tl.left_name = "client";
  tl.right_name = "server";
  tl.segments = std::move(segs);
  tl.run_end_ns = tl.end_ns = end_ms * 1'000'000;
  return tl;
}

// The pairs as text, one per entry: "a0=b0", "a2~b3 ack" (a counterpart, what differs),
// "a1 only", "b4 only".
std::vector<std::string> pairs(const analysis::RunDiff& d) {
  std::vector<std::string> out;
  for (const analysis::SegmentPair& p : d.pairs) {
    if (p.b < 0) out.push_back("a" + std::to_string(p.a) + " only");
    else if (p.a < 0) out.push_back("b" + std::to_string(p.b) + " only");
    else if (!p.differs) out.push_back("a" + std::to_string(p.a) + "=b" + std::to_string(p.b));
    else out.push_back("a" + std::to_string(p.a) + "~b" + std::to_string(p.b) + " " + analysis::differs_text(p.differs));
  }
  return out;
}

using V = std::vector<std::string>;
constexpr uint8_t kAck = f::ACK;

}  // namespace

TEST(RunCompare, TwoIdenticalRunsPairEverySegmentAndDifferNowhere) {
  const auto segs = {seg(0, 0, f::SYN, 0, 0), seg(1, 5, f::SYN | kAck, 0, 1), seg(0, 10, kAck, 1, 1)};
  const analysis::RunDiff d = analysis::compare_runs(run_of(segs), run_of(segs));
  EXPECT_EQ(pairs(d), (V{"a0=b0", "a1=b1", "a2=b2"}));
  EXPECT_TRUE(d.same());
  EXPECT_EQ(d.pair_of_b, (std::vector<int>{0, 1, 2}));
}

TEST(RunCompare, ASegmentOneRunHasAndTheOtherHasNotIsInThatRunOnly) {
  // The real run retransmits its SYN,ACK; the other does not.
  const analysis::Timeline a = run_of({seg(0, 0, f::SYN, 0, 0), seg(1, 5, f::SYN | kAck, 0, 1), seg(0, 10, f::RST, 1, 0)});
  const analysis::Timeline b = run_of({seg(0, 0, f::SYN, 0, 0), seg(1, 5, f::SYN | kAck, 0, 1), seg(0, 10, f::RST, 1, 0),
                                 seg(1, 1005, f::SYN | kAck, 0, 1), seg(0, 1010, f::RST, 1, 0)});
  const analysis::RunDiff d = analysis::compare_runs(a, b);
  EXPECT_EQ(pairs(d), (V{"a0=b0", "a1=b1", "a2=b2", "b3 only", "b4 only"}));
  EXPECT_EQ(d.only_a, 0);
  EXPECT_EQ(d.only_b, 2);
  EXPECT_EQ(d.changed, 0);
  EXPECT_FALSE(d.same());
  EXPECT_TRUE(d.pair_of(1, 3).only());
  EXPECT_EQ(d.pair_of(0, 2).b, 2);
}

TEST(RunCompare, ACounterpartWithOtherNumbersOrFlagsPairsAndSaysWhatDiffers) {
  // Same moment, same direction: the ACK of an old connection's FIN (ack=25002) against
  // the new connection's (ack=2); then the server's RST against its ACK.
  const analysis::Timeline a = run_of({seg(0, 220, kAck, 1, 2), seg(1, 225, kAck, 1, 1)});
  const analysis::Timeline b = run_of({seg(0, 220, kAck, 1, 25002), seg(1, 225, f::RST, 25002, 0)});
  const analysis::RunDiff d = analysis::compare_runs(a, b);
  EXPECT_EQ(pairs(d), (V{"a0~b0 ack", "a1~b1 flags, seq, ack"}));
  EXPECT_EQ(d.changed, 2);
  EXPECT_EQ(d.pairs[0].differs, analysis::differs::kAck);
  EXPECT_EQ(d.pairs[0].shift_ns, 0);
  // Length alone differs too.
  const analysis::RunDiff l = analysis::compare_runs(run_of({seg(1, 30, kAck, 1, 1, 1460)}), run_of({seg(1, 30, kAck, 1, 1, 180)}));
  EXPECT_EQ(pairs(l), (V{"a0~b0 len"}));
}

TEST(RunCompare, SegmentsInOppositeDirectionsNeverPair) {
  const analysis::RunDiff d = analysis::compare_runs(run_of({seg(0, 10, kAck, 1, 1)}), run_of({seg(1, 10, kAck, 1, 1)}));
  EXPECT_EQ(pairs(d), (V{"a0 only", "b0 only"}));
}

TEST(RunCompare, AnIdenticalSegmentWinsOverACounterpartAndTheNearerInTimeWins) {
  // b0 is the same segment as a0, later; b1 has a0's time but other numbers: a0 pairs with b0.
  const analysis::RunDiff same = analysis::compare_runs(run_of({seg(0, 100, kAck, 1, 5)}),
                                            run_of({seg(0, 300, kAck, 1, 5), seg(0, 100, kAck, 1, 9)}));
  EXPECT_EQ(pairs(same), (V{"a0=b0", "b1 only"}));
  EXPECT_EQ(same.pairs[0].shift_ns, 200'000'000);
  // Two counterparts: the one sent at the same moment, not the earlier one.
  const analysis::RunDiff near = analysis::compare_runs(run_of({seg(0, 100, kAck, 1, 5)}),
                                            run_of({seg(0, 10, kAck, 1, 1), seg(0, 100, kAck, 1, 2)}));
  EXPECT_EQ(pairs(near), (V{"b0 only", "a0~b1 ack"}));
  // A counterpart with the same flags before one without.
  const analysis::RunDiff flags = analysis::compare_runs(run_of({seg(1, 100, kAck, 1, 5)}),
                                             run_of({seg(1, 100, f::RST, 1, 5), seg(1, 101, kAck, 1, 2)}));
  EXPECT_EQ(pairs(flags), (V{"b0 only", "a0~b1 ack"}));
}

TEST(RunCompare, LongRunsDifferingAtBothEndsPairInOneSweep) {
  // 1,100 x 1,102 segments is past the alignment's million cells: the sweep pairs the
  // identical ones and leaves the two extra segments in run b alone.
  std::vector<analysis::SegmentView> sa, sb{seg(0, 0, f::SYN, 0, 0)};
  for (int i = 0; i < 1100; ++i) {
    sa.push_back(seg(1, 10 + i, kAck, static_cast<uint32_t>(i), 1, 100));
    sb.push_back(sa.back());
  }
  sb.push_back(seg(0, 5000, f::FIN | kAck, 1, 110001));
  const analysis::RunDiff d = analysis::compare_runs(run_of(sa, 6000), run_of(sb, 6000));
  ASSERT_EQ(d.pairs.size(), 1102u);
  EXPECT_EQ(pairs(d).front(), "b0 only");
  EXPECT_EQ(pairs(d)[1], "a0=b1");
  EXPECT_EQ(pairs(d)[1100], "a1099=b1100");
  EXPECT_EQ(pairs(d).back(), "b1101 only");
  EXPECT_EQ(d.only_b, 2);
  EXPECT_EQ(d.only_a, 0);
}

TEST(RunCompare, StatesDifferInExactStretches) {
  analysis::Timeline a = run_of({}, 60'000), b = run_of({}, 20'000);
  const auto mark = [](analysis::Timeline& tl, int side, int64_t t_ms, const char* to) {
    analysis::StateMark m;
    m.side = side;
    m.t = t_ms * 1'000'000;
    m.to = to;
    tl.states.push_back(m);
  };
  // The server enters SYN-RCVD in both at 3 s; the two-way one is ESTABLISHED at once,
  // the real one gives up at 10 s; the clients do the same in both.
  for (analysis::Timeline* tl : {&a, &b}) {
    mark(*tl, 1, 0, "LISTEN");
    mark(*tl, 0, 10, "SYN-SENT");
    mark(*tl, 0, 1010, "CLOSED");
    mark(*tl, 1, 3015, "SYN-RCVD");
  }
  mark(a, 1, 3015, "ESTABLISHED");
  mark(b, 1, 10015, "CLOSED");
  const analysis::RunDiff d = analysis::compare_runs(a, b);
  ASSERT_EQ(d.states.size(), 2u);
  EXPECT_EQ(d.states[0].side, 1);
  EXPECT_EQ(d.states[0].from, 3'015'000'000);
  EXPECT_EQ(d.states[0].to, 10'015'000'000);
  EXPECT_EQ(d.states[0].a, "ESTABLISHED");
  EXPECT_EQ(d.states[0].b, "SYN-RCVD");
  EXPECT_EQ(d.states[1].from, 10'015'000'000);
  EXPECT_EQ(d.states[1].to, 60'000'000'000);  // to the end of the longer run
  EXPECT_EQ(d.states[1].b, "CLOSED");
  EXPECT_FALSE(d.same());
  // A listener still open: the card says LISTEN, and so does the other run's.
  analysis::Timeline c = b;
  c.listening.push_back(analysis::ListenMark{1, 0, 1});
  analysis::Timeline e = c;
  e.states.back().to = "LISTEN";
  EXPECT_TRUE(analysis::compare_runs(c, e).states.empty());
}

// Lesson 10's two runs: identical until the close; then only the run without TIME-WAIT
// opens a second connection, and the ghost FIN's answer differs in its numbers.
TEST(RunCompare, NoTimeWaitBesideRealTcp) {
  const analysis::RunPair p = analysis::pair_runs(analysis::simulate_run(scenario_file("no-time-wait"), "No TIME-WAIT"),
                                                  analysis::simulate_run(scenario_file("time-wait-protects"), "Real TCP"));
  EXPECT_TRUE(p.a.counterfactual);
  EXPECT_FALSE(p.b.counterfactual);
  // The rows are both runs' event times, once each, in order.
  EXPECT_TRUE(std::is_sorted(p.rows.begin(), p.rows.end()));
  EXPECT_EQ(std::adjacent_find(p.rows.begin(), p.rows.end()), p.rows.end());
  EXPECT_GE(p.rows.size(), std::max(p.a.timeline.event_times.size(), p.b.timeline.event_times.size()));
  const auto& sa = p.a.timeline.segments;
  const auto& sb = p.b.timeline.segments;
  // Everything up to the ghost FIN's copy is the same segment at the same time.
  int same_head = 0;
  for (const analysis::SegmentPair& x : p.diff.pairs) {
    if (x.only() || x.differs || x.shift_ns) break;
    ++same_head;
  }
  EXPECT_GE(same_head, 40);
  // The second connection's SYN is in the counterfactual run only.
  int syns_only_a = 0;
  for (size_t i = 0; i < sa.size(); ++i)
    if (sa[i].flags == f::SYN && sa[i].t_sent == 110'000'000) syns_only_a += p.diff.pair_of(0, static_cast<int>(i)).only();
  EXPECT_EQ(syns_only_a, 1);
  // The client's answer to the ghost FIN at 0.220 s: a pair that differs in seq and ack.
  int answers = 0;
  for (size_t i = 0; i < sa.size(); ++i) {
    if (sa[i].from_side != 0 || sa[i].t_sent != 220'020'160 || sa[i].flags != f::ACK) continue;
    const analysis::SegmentPair& x = p.diff.pair_of(0, static_cast<int>(i));
    ASSERT_GE(x.b, 0);
    // The new connection's numbers against the old one's (its FIN took seq 1).
    EXPECT_EQ(x.differs, analysis::differs::kSeq | analysis::differs::kAck);
    EXPECT_EQ(sa[i].seq, 1u);
    EXPECT_EQ(sb[static_cast<size_t>(x.b)].seq, 2u);
    EXPECT_EQ(sa[i].ack, 2u);
    EXPECT_EQ(sb[static_cast<size_t>(x.b)].ack, 25002u);
    ++answers;
  }
  EXPECT_EQ(answers, 1);
  // The client: CLOSED without TIME-WAIT from 0.070 s, in TIME-WAIT in real TCP.
  ASSERT_FALSE(p.diff.states.empty());
  EXPECT_EQ(p.diff.states[0].side, 0);
  EXPECT_EQ(p.diff.states[0].from, 70'020'160);
  EXPECT_EQ(p.diff.states[0].a, "CLOSED");
  EXPECT_EQ(p.diff.states[0].b, "TIME-WAIT");
}
