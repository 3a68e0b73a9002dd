#include "world/world.hpp"

namespace synack::world {

World::World(uint64_t seed) : rng_(seed) {}

host::Host& World::add_host(host::HostConfig cfg) {
  const uint16_t id = trace_.add_host(cfg.name);
  hosts_.push_back(std::make_unique<host::Host>(context(), id, std::move(cfg), rng_.next_u64()));
  return *hosts_.back();
}

link::Cable& World::connect(host::Host& a, host::Host& b, sim::Duration delay) {
  cables_.push_back(std::make_unique<link::Cable>(context(), delay, &faults_));
  link::Cable& c = *cables_.back();
  c.connect(0, &a.nic(), a.id());
  c.connect(1, &b.nic(), b.id());
  a.nic().attach(&c, 0);
  b.nic().attach(&c, 1);
  return c;
}

link::Switch& World::add_switch(uint64_t rate_bps, size_t queue_frames) {
  switch_ = std::make_unique<link::Switch>(context(), rate_bps, queue_frames);
  return *switch_;
}

link::Cable& World::connect_to_switch(host::Host& h, sim::Duration delay) {
  cables_.push_back(std::make_unique<link::Cable>(context(), delay, &faults_));
  link::Cable& c = *cables_.back();
  c.connect(0, &h.nic(), h.id());
  h.nic().attach(&c, 0);
  switch_->add_port(&c);
  return c;
}

void World::fill_neighbour_tables() {
  for (auto& h : hosts_) {
    if (h->config().dynamic_arp) continue;  // it learns its neighbours by asking
    for (auto& other : hosts_)
      if (h != other && !h->config().neighbours.count(other->config().ip))
        h->add_neighbour(other->config().ip, other->config().mac);
  }
}

void World::run(sim::Time limit) {
  while (!queue_.empty() && queue_.next_time() <= limit) queue_.run_next();
}

host::Host* World::find_host(const std::string& name) {
  for (auto& h : hosts_)
    if (h->config().name == name) return h.get();
  return nullptr;
}

}  // namespace synack::world
