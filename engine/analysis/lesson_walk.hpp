#pragma once
// Where a lesson's steps stop on a run's timeline, and whether each step's check holds
// there. Pure model code: the runner in the app, the tests and the CLI share it, so a
// lesson that claims something the simulation does not show fails a test.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/timeline.hpp"
#include "lesson/lesson.hpp"

namespace synack::analysis {

// The side (0: left, 1: right) a scenario host is drawn on, or -1 if it is not drawn.
int side_of(const scenario::Scenario& s, const std::string& host);

// Whether a segment meets a stop's or fault's flag match (SYN, SYN-ACK, pure ACK, ...).
bool flags_match(link::FlagMatch m, const SegmentView& s);

struct StopTimes {
  std::vector<int64_t> t;      // one per step, non-decreasing
  std::vector<int> segment;    // the segment a step stopped on (index into timeline.segments), or -1
  std::string error;           // empty, or "step 3 (line 40): no ... after 1.200 s"
};

// Resolves every step's stop in order: each is the first moment after the previous one.
StopTimes resolve_stops(const lesson::Lesson& l, const Timeline& tl);

// Runs a lesson's scenario and resolves its stops: what the CLI checks, and what the
// app checks before it accepts a lesson file.
struct WalkedLesson {
  Timeline timeline;
  StopTimes stops;
};
WalkedLesson walk_lesson(const lesson::Lesson& l);

// What a step's check finds wrong at time t; empty when the step happened as written.
std::vector<std::string> check_step(const lesson::Lesson& l, const lesson::Step& s, const Timeline& tl, int64_t t);

}  // namespace synack::analysis
