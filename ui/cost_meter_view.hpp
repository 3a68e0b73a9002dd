#pragma once
// The cost meter under the scene: what the run has cost up to the playhead (see
// cost_meter.hpp), for the run and for the two hosts drawn.
#include <cstdint>
#include <string>

#include "cost_meter.hpp"

namespace synack::ui {

// One line: the run's totals and the drawn hosts' segments (trace host indices); the
// hosts' full totals and what a round trip is on hover.
// "So far: 1 segment, 0.1 KB (0 KB data), 0.0 round trips, connections: 1", and one
// host's "client sent 3 segments, ...".
std::string cost_run_text(const Cost& run);
std::string cost_host_text(const std::string& host, const Cost& c);

void draw_cost_meter(const CostMeter& m, int64_t t, size_t left_host, size_t right_host);

}  // namespace synack::ui
