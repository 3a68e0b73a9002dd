#pragma once
// The inspector: every field of the selected frame (Ethernet, IPv4, TCP with decoded
// options) and its bytes as a hex dump. Hovering a field lights up its bytes; a lesson
// may point at fields ("seq", "ack", "flags", "window", "options", ...; the full list is
// lesson::field_names()), and every one it names is lit.
#include <string>
#include <vector>

#include "timeline.hpp"
#include "trace/trace.hpp"

namespace synack::ui {

void draw_inspector(const trace::Trace& trace, const SegmentView* selected,
                    const std::vector<std::string>& highlight_fields = {});

}  // namespace synack::ui
