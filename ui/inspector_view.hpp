#pragma once
// The inspector: every field of the selected frame (Ethernet, IPv4, TCP with decoded
// options) and its bytes as a hex dump. Hovering a field lights up its bytes; a lesson
// may point at fields ("seq", "ack", "flags", "window", "options", ...; the full list is
// lesson::field_names()), and every one it names is lit.
#include <string>
#include <vector>

#include "analysis/timeline.hpp"
#include "trace/trace.hpp"

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run

// last_scrolled: the pointing the table last scrolled to (kept by the caller between frames).
void draw_inspector(const trace::Trace& trace, const SegmentView* selected, std::string& last_scrolled,
                    const std::vector<std::string>& highlight_fields = {});

}  // namespace synack::ui
