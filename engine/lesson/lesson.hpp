#pragma once
// A lesson: a scenario and the steps a learner walks through it. Parsed from TOML (see
// lessons/README.md); every error names the file, the line and what was expected, so a
// teacher can fix a lesson without reading code.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "link/fault.hpp"
#include "scenario/scenario.hpp"
#include "util/result.hpp"

namespace synack::lesson {

using scenario::ScenarioError;

// What ends a step: the first moment after the previous step's stop at which it holds.
struct Stop {
  enum class Kind : uint8_t { Time, State, Segment, Timer, Drop, End };
  enum class Moment : uint8_t { Leaves, Midway, Arrives };
  Kind kind = Kind::End;
  int64_t at_ns = 0;                 // Time
  std::string host;                  // State, Timer: whose; Segment: the sender (empty: either)
  std::string state;                 // State: "SYN-RECEIVED", ...
  link::FlagMatch flags = link::FlagMatch::Any;  // Segment
  bool retransmission = false;       // Segment: only retransmissions
  std::string timer;                 // Timer: "RTO", "2MSL", "keepalive", ... (when it fires)
  int nth = 1;                       // the nth such moment after the previous stop
  Moment moment = Moment::Midway;    // Segment: where on the cable to stop
  std::string describe() const;      // for error messages and the CLI
};

// A check that the step really happened as the narrative says, at its stop.
struct Check {
  std::vector<std::pair<std::string, std::string>> states;  // host name -> state name
  std::optional<int> segments;  // segments put on the cable so far (both directions)
  std::optional<int> drops;     // segments that died so far
};

struct Question {
  std::string prompt;
  std::vector<std::string> choices;
  int answer = 0;        // index into choices
  std::string explain;   // shown after the learner answers
};

// "Try it": leave the script for a variant of the scenario (a fault added, an option
// changed), watch what happens, come back.
struct TryIt {
  std::string text;
  std::string scenario;  // a scenario id (file stem under scenarios/)
};

struct Step {
  std::string title;
  std::string text;                   // light markup: **bold**, `code`, "- " list items
  Stop stop;
  std::vector<std::string> highlight; // "segment", "machines", "state:HOST", "timers:HOST", "field:NAME"
  std::vector<std::string> shows;     // teaching points made visible here: "T1", ...
  std::optional<Question> question;   // asked before the step plays to its stop
  std::optional<TryIt> try_it;
  Check check;
  int line = 0;
};

struct Lesson {
  std::string id;       // file stem
  std::string file;
  std::string title;
  std::string level;    // "first steps", "core", "deeper"
  std::vector<std::string> goals;
  std::vector<std::string> teaches;  // the union of the steps' shows, in file order
  std::string scenario_id;           // empty when the scenario is inline
  scenario::Scenario scenario;
  std::vector<Step> steps;
};

// Finds a scenario's TOML text by id, for lessons that name one instead of inlining it.
using ScenarioSource = std::function<std::optional<std::string>(const std::string& id)>;

Result<Lesson, ScenarioError> parse_lesson(std::string_view toml_text, const std::string& file_name,
                                           const ScenarioSource& scenarios);

// The teaching points of ../shared/TEACHING.md, T1 to T19.
inline constexpr int kTeachingPoints = 19;

}  // namespace synack::lesson
