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
  struct Count {
    std::string host, state;
    int n = 0;
  };
  std::vector<Count> connections;  // how many of a host's connections are in a state
};

// Asked before a step plays to its stop: predict, then watch. Four ways to answer.
struct Question {
  enum class Kind : uint8_t {
    One,      // pick the right choice: answer = N
    Several,  // pick every right choice, and only those: answer = [N, M]
    Number,   // type a number: number = N (e.g. the ack the server will send)
    Order,    // put items in order: order = ["first", "second", ...], shown shuffled
  };
  Kind kind = Kind::One;
  std::string prompt;
  std::vector<std::string> choices;    // One, Several
  int answer = 0;                      // One: index into choices
  std::vector<int> answers;            // Several: indices into choices, ascending
  int64_t number = 0;                  // Number
  std::vector<std::string> order;      // Order: the right order
  std::vector<std::string> feedback;   // One, Several: per choice, said when it was a wrong pick ("" for none)
  std::string explain;                 // shown after the learner answers

  // The right answer in words, for the verdict: "B", "A, C", "1001", "CLOSED, SYN-SENT, ...".
  std::string right_answer() const;
  // How the learner's answer is judged.
  bool right_several(const std::vector<int>& picked) const;  // picked: indices, any order
  bool right_number(int64_t typed) const { return typed == number; }
  bool right_order(const std::vector<std::string>& items) const { return items == order; }
  // The order items are first shown in: never the right one.
  std::vector<std::string> shuffled() const;
};

// "Try it": leave the script for a variant of the scenario (a fault added, an option
// changed), watch what happens, come back.
struct TryIt {
  std::string text;
  std::string scenario;        // what the variant is called: a scenario id, a file name, or "" when inline
  scenario::Scenario variant;  // the variant itself, parsed when the lesson is
};

// "Side by side": the step's run drawn beside another run of the same script (the same
// two hosts and the same application calls, under another TCP: real TCP beside a
// counterfactual, or one profile beside another), on one time axis, differences lit.
struct Beside {
  std::string scenario;        // what the other run is: a scenario id, a file name, or "" when inline
  std::string label;           // what the other run is called above its ladder
  std::string this_label;      // what the lesson's own run is called above its ladder
  scenario::Scenario variant;  // the other run's scenario, parsed when the lesson is
};

struct Step {
  std::string title;
  std::string text;                   // light markup: **bold**, `code`, "- " list items
  Stop stop;
  std::vector<std::string> highlight; // "segment", "machines", "state:HOST", "timers:HOST", "field:NAME"
  std::vector<std::string> shows;     // teaching points made visible here: "T1", ...
  std::optional<Question> question;   // asked before the step plays to its stop
  std::optional<TryIt> try_it;
  std::optional<Beside> beside;       // drawn beside another run of the same script
  Check check;
  int line = 0;
};

// Every piece of a step's prose on screen, each passed to `f`: the title, the text and
// its question's words (what the font must be able to draw).
template <class F>
void for_each_shown_text(const Step& st, F&& f) {
  f(st.title);
  f(st.text);
  if (!st.question) return;
  f(st.question->prompt);
  f(st.question->explain);
  for (const std::string& c : st.question->choices) f(c);
  for (const std::string& c : st.question->feedback) f(c);
}

// What a learner reads of a lesson, in one language: every prose field and nothing that
// runs. The Lesson's own fields hold the language on screen; its `texts` hold each
// language it has, so the app can switch without parsing again.
struct StepText {
  std::string title, text;
  std::string prompt, explain;                         // where the step has a question
  std::vector<std::string> choices, feedback, order;   // as the question has them
  std::string try_text;                                // where it has a try
  std::string beside_label, beside_this_label;         // where it is drawn beside another run
};
struct LessonText {
  std::string lang;  // "en", "zh"
  std::string title;
  std::vector<std::string> goals;
  std::vector<StepText> steps;
};

// The languages a lesson's text may be in: `lang = "..."` at its top, a translation's folder.
inline bool known_lang(const std::string& lang) { return lang == "en" || lang == "zh"; }

struct Lesson {
  std::string id;       // file stem
  std::string file;
  std::string lang = "en";           // the language its own file is written in
  std::vector<LessonText> texts;     // its own text first, then each translation's
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
// Reads a file by path, for a try-it's scenario_file beside the lesson. Empty where no
// file can be read.
using FileSource = std::function<std::optional<std::string>(const std::string& path)>;

struct Sources {
  ScenarioSource scenarios;  // synack's own scenarios, by id
  FileSource files;          // may be empty
  // The browser has no folder: there `files` holds only the files opened together with
  // the lesson, and a scenario_file not among them is refused with what to open.
  bool picked_only = false;
};

Result<Lesson, ScenarioError> parse_lesson(std::string_view toml_text, const std::string& file_name,
                                           const Sources& sources);
inline Result<Lesson, ScenarioError> parse_lesson(std::string_view toml_text, const std::string& file_name,
                                                  const ScenarioSource& scenarios) {
  return parse_lesson(toml_text, file_name, Sources{scenarios, {}});
}

// The text of one step as it stands.
StepText step_text(const Step& s);

// Adds a translation of `l` (lessons/zh/NAME.toml for lessons/NAME.toml, see
// lessons/README.md): text only, the same steps, goals and choices. Refused with
// file:line for a key that is not text or a count that differs; a text key it lacks
// falls back to the lesson's own words and is a warning ("file:line: warning: ...").
std::optional<ScenarioError> add_translation(Lesson& l, std::string_view toml_text, const std::string& file_name,
                                             const std::string& lang, std::vector<std::string>& warnings);
// Puts the lesson's text in `lang` on its fields, or its own language's where it has no
// such text. Returns whether it has `lang`.
bool use_language(Lesson& l, const std::string& lang);
// A translation's path for a lesson's: "lessons/zh/01-handshake.toml" for
// "lessons/01-handshake.toml" and "zh".
std::string translation_path(const std::string& lesson_file, const std::string& lang);

// Whether a TOML text is a translation: [[step]] tables and no scenario of its own.
bool looks_like_translation(std::string_view toml_text);

// Whether a TOML text is a lesson rather than a scenario (it has [[step]] tables or a
// lesson's scenario key), so that `synack run` can say what to do with it.
bool looks_like_lesson(std::string_view toml_text);

// A state's canonical name (tcp::to_string's spelling) from what a teacher may write:
// synack's own "SYN-RCVD", RFC 9293's "SYN-RECEIVED", or ss's "SYN_RECV", "CLOSE_WAIT".
// Empty if it names no state.
std::string canonical_state(const std::string& name);
// Every state's canonical name, comma-separated, for error messages.
std::string state_names();

// The inspector fields a `field:NAME` highlight may name, in the inspector's order.
const std::vector<std::string>& field_names();

// The teaching points of docs/TEACHING-POINTS.md, T1 to T19.
inline constexpr int kTeachingPoints = 19;

}  // namespace synack::lesson
