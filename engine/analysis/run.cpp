#include "analysis/run.hpp"

#include <utility>

#include "world/world.hpp"

namespace synack::analysis {

Run simulate(const scenario::Scenario& sc) {
  auto world = scenario::build_world(sc);
  world->run(sc.until);
  Run r;
  r.simulated = true;
  for (const auto& h : world->hosts()) {
    HostFacts f{h->config().name, h->config().ip, h->config().nic, h->config().tcp, {}};
    for (const host::SocketInfo& s : h->sockets()) {
      SocketFacts k{static_cast<uint32_t>(s.id), s.listening, s.tuple, s.backlog};
      if (s.listening) k.tuple.local_port = s.port;
      f.sockets.push_back(k);
    }
    r.hosts.push_back(std::move(f));
  }
  r.timeline = build_timeline(world->trace(), 0, 1, sc.until.ns);
  // The world ends here: the run keeps its trace.
  r.trace = std::move(world->trace());
  return r;
}

}  // namespace synack::analysis
