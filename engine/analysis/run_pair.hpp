#pragma once
// Two runs of one script side by side: each run as the views draw it, one time axis for
// both, and what differs. A lesson step pairs its own run with a counterfactual or real
// TCP (`[step.beside]`); any two runs of one scenario under different configuration
// (one TCP profile against another) pair the same way. No drawing: tested natively.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/run_compare.hpp"
#include "analysis/timeline.hpp"
#include "scenario/scenario.hpp"

namespace synack::analysis {

// One run: what it is called on screen, whether it is real TCP, and its timeline.
struct SimulatedRun {
  std::string label;
  bool counterfactual = false;  // some host runs a variant that is not real TCP
  Timeline timeline;
};

// Runs a scenario to its `until` and keeps what the ladder draws (its first two hosts).
SimulatedRun simulate_run(const scenario::Scenario& sc, std::string label);

struct RunPair {
  SimulatedRun a, b;                 // drawn left and right
  std::vector<int64_t> rows;  // the union of both runs' event times: one height on screen is one moment in both
  RunDiff diff;
  int64_t end_ns = 0;         // the later of the two runs' ends
};

RunPair pair_runs(SimulatedRun a, SimulatedRun b);

}  // namespace synack::analysis
