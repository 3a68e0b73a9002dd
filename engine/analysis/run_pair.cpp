#include "analysis/run_pair.hpp"

#include <algorithm>
#include <iterator>

namespace synack::analysis {

SimulatedRun simulate_run(const scenario::Scenario& sc, std::string label) {
  auto world = scenario::build_world(sc);
  world->run(sc.until);
  SimulatedRun r;
  r.label = std::move(label);
  r.counterfactual = sc.counterfactual;
  r.timeline = build_timeline(world->trace(), 0, 1, sc.until.ns);
  return r;
}

RunPair pair_runs(SimulatedRun a, SimulatedRun b) {
  RunPair p;
  p.diff = compare_runs(a.timeline, b.timeline);
  std::merge(a.timeline.event_times.begin(), a.timeline.event_times.end(), b.timeline.event_times.begin(),
             b.timeline.event_times.end(), std::back_inserter(p.rows));
  p.rows.erase(std::unique(p.rows.begin(), p.rows.end()), p.rows.end());
  p.end_ns = std::max(a.timeline.run_end_ns, b.timeline.run_end_ns);
  p.a = std::move(a);
  p.b = std::move(b);
  return p;
}

}  // namespace synack::analysis
