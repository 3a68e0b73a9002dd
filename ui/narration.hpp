#pragma once
// What just happened, in a sentence a screen reader can say: the latest event at or
// before the playhead ("The client sends SYN, seq 0, and enters SYN-SENT."). The page's
// live region reads it as the playhead passes each event (web/index.html), so a learner
// who cannot see the ladder hears it. Plain code over the timeline, tested natively.
#include <cstdint>
#include <string>

#include "strings.hpp"
#include "analysis/timeline.hpp"

namespace synack::ui {

using namespace analysis;  // the timeline it narrates

struct Narration {
  int64_t t = -1;    // the event's time; -1 before the first event
  std::string text;  // "" before the first event
};

// Every sending, arrival, loss, state change and timer firing at the latest event time
// at or before t, one clause each (a side's state change joined to what it sent or
// received then). Sequence numbers relative to each side's ISN, or as on the wire.
Narration narrate(const Timeline& tl, int64_t t, bool relative, Lang lang = Lang::En);

// The same, made afresh only when the latest event, the run or the numbering changed:
// the page asks every frame, and a run of 10,000 connections has 100,000 segments to look
// through. `run` tells runs apart (App::run_generation).
struct NarrationCache {
  size_t run = static_cast<size_t>(-1);
  int64_t at = -2;
  bool relative = false;
  Lang said_in = Lang::En;  // the live region speaks the language on screen
  Narration said;
  const Narration& at_time(const Timeline& tl, size_t run_no, int64_t t, bool relative_seq, Lang lang);
};

}  // namespace synack::ui
