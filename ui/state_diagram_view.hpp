#pragma once
// Both hosts' state machines side by side, laid out like RFC 9293's figure: the current
// state lit, the arc just taken drawn bold with its cause from the trace.
#include <string>

#include "analysis/timeline.hpp"

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run

void draw_state_diagrams(const Timeline& tl, int64_t t);

}  // namespace synack::ui
