#pragma once
// The cost meter under the scene: what the run has cost up to the playhead (see
// cost_meter.hpp), for the run and for the two hosts drawn.
#include <cstdint>

#include "cost_meter.hpp"

namespace synack::ui {

// One line: the run's totals and the drawn hosts' segments (trace host indices); the
// hosts' full totals and what a round trip is on hover.
void draw_cost_meter(const CostMeter& m, int64_t t, size_t left_host, size_t right_host);

}  // namespace synack::ui
