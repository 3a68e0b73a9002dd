#pragma once
// The simulated world: the clock, the event queue, the seeded RNG, the trace, and the
// hosts, cables, switch and fault rules between them. Same seed and same commands give
// the same trace, byte for byte.
#include <functional>
#include <memory>
#include <vector>

#include "host/host.hpp"
#include "link/cable.hpp"
#include "link/fault.hpp"
#include "link/switch.hpp"
#include "sim/event_queue.hpp"
#include "sim/rng.hpp"
#include "trace/trace.hpp"

namespace synack::world {

class World {
 public:
  explicit World(uint64_t seed);
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  host::Host& add_host(host::HostConfig cfg);
  // A cable straight between two hosts' NICs.
  link::Cable& connect(host::Host& a, host::Host& b, sim::Duration delay);
  // A switch, and a cable from a host to its next free port.
  link::Switch& add_switch(uint64_t rate_bps, size_t queue_frames);
  link::Cable& connect_to_switch(host::Host& h, sim::Duration delay);
  // Fills every host's neighbour table with every other host (static ARP).
  void fill_neighbour_tables();

  std::vector<link::FaultRule>& faults() { return faults_; }

  // Schedules a command (an application call, a fault change) at a simulated time.
  void at(sim::Time t, std::function<void()> fn) { queue_.schedule(t, std::move(fn)); }
  void run_until(sim::Time t) { queue_.run_until(t); }
  // Runs until nothing is left to do or `limit` is reached.
  void run(sim::Time limit);

  sim::Time now() const { return queue_.now(); }
  trace::Trace& trace() { return trace_; }
  const trace::Trace& trace() const { return trace_; }
  sim::EventQueue& queue() { return queue_; }
  std::vector<std::unique_ptr<host::Host>>& hosts() { return hosts_; }
  host::Host* find_host(const std::string& name);
  link::Context context() { return link::Context{queue_, trace_, rng_}; }

 private:
  sim::EventQueue queue_;
  sim::Rng rng_;
  trace::Trace trace_;
  std::vector<link::FaultRule> faults_;
  std::vector<std::unique_ptr<host::Host>> hosts_;
  std::vector<std::unique_ptr<link::Cable>> cables_;
  std::unique_ptr<link::Switch> switch_;
};

}  // namespace synack::world
