#pragma once
// The inspector: every field of the selected frame (Ethernet, IPv4, TCP with decoded
// options) and its bytes as a hex dump. Hovering a field lights up its bytes; a lesson
// may point at one field ("seq", "ack", "flags", "window", "options", ...).
#include "timeline.hpp"
#include "trace/trace.hpp"

namespace synack::ui {

#include <string>

void draw_inspector(const trace::Trace& trace, const SegmentView* selected, const std::string& highlight_field = "");

}  // namespace synack::ui
