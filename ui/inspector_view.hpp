#pragma once
// The inspector: every field of the selected frame (Ethernet, IPv4, TCP with decoded
// options) and its bytes as a hex dump.
#include "timeline.hpp"
#include "trace/trace.hpp"

namespace synack::ui {

void draw_inspector(const trace::Trace& trace, const SegmentView* selected);

}  // namespace synack::ui
