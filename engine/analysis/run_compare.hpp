#pragma once
// Two runs of one script compared, segment by segment and state by state: which
// segments pair up (the same segment in both runs, or its counterpart with other flags
// or numbers), which are in one run only, and where a host's state differs. Plain data
// from two timelines; side by side (beside_view) lights what this finds.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/timeline.hpp"

namespace synack::analysis {

// The fields in which a segment differs from its counterpart in the other run.
namespace differs {
inline constexpr uint8_t kFlags = 1, kSeq = 2, kAck = 4, kLen = 8;
}

struct SegmentPair {
  int a = -1, b = -1;    // the segment in each run (index into its timeline's segments); -1: in the other run only
  uint8_t differs = 0;   // a pair's fields that differ (differs::k...); 0: the same segment
  int64_t shift_ns = 0;  // a pair: b's departure minus a's
  bool only() const { return a < 0 || b < 0; }
};

// A stretch [from, to) in which one side's state is not the same in both runs.
struct StateDiff {
  int side = 0;
  int64_t from = 0, to = 0;
  std::string a, b;  // the state in each run, as the host's card names it (card_state)
};

struct RunDiff {
  std::vector<SegmentPair> pairs;         // in order of departure in both runs
  std::vector<int> pair_of_a, pair_of_b;  // per segment of each run: its entry in pairs
  std::vector<StateDiff> states;          // by side, then time
  int only_a = 0, only_b = 0, changed = 0;
  bool same() const { return only_a == 0 && only_b == 0 && changed == 0 && states.empty(); }
  // The pair a segment of run 0 (a) or 1 (b) belongs to.
  const SegmentPair& pair_of(int run, int segment) const {
    return pairs[static_cast<size_t>((run == 0 ? pair_of_a : pair_of_b)[static_cast<size_t>(segment)])];
  }
};

// Pairs the segments of two runs (each side's segments keep their order: an alignment,
// as a diff of two texts) and finds where each side's state differs. A segment pairs
// first with one identical to it (direction, flags, seq, ack, len, relative numbers),
// else with one in the same direction (same flags preferred), nearest in time; what
// pairs with nothing is in one run only.
RunDiff compare_runs(const Timeline& a, const Timeline& b);

// The differing fields in words: "flags, seq, ack".
std::string differs_text(uint8_t d);

}  // namespace synack::analysis
