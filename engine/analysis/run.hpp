#pragma once
// One finished run: everything the views read, and nothing live. The world that made it
// is gone once the run is built, so a view cannot reach into a host, and a session hands
// the same immutable run to every view of a frame.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/timeline.hpp"
#include "link/nic.hpp"
#include "scenario/scenario.hpp"
#include "tcp/config.hpp"
#include "tcp/connection.hpp"  // FourTuple
#include "trace/trace.hpp"
#include "wire/addr.hpp"

namespace synack::analysis {

// A socket as the host's table held it when the run ended: its number in the trace, and
// the four-tuple a connection keeps from its first segment on.
struct SocketFacts {
  uint32_t id = 0;
  bool listening = false;
  tcp::FourTuple tuple;  // a listener: local port only
  int backlog = 0;       // a listener's
};

// What the trace does not carry about a host: its configuration and its sockets.
struct HostFacts {
  std::string name;
  wire::Ipv4Addr ip;
  link::NicConfig nic;
  tcp::TcpConfig tcp;
  std::vector<SocketFacts> sockets;  // in socket order
};

struct Run {
  trace::Trace trace;
  Timeline timeline;             // between the first two hosts, as the scene and the ladder draw it
  std::vector<HostFacts> hosts;  // by trace host index
  bool simulated = false;        // false: no run (nothing loaded, or a file that failed)
  const HostFacts* host(const std::string& name) const {
    for (const HostFacts& h : hosts)
      if (h.name == name) return &h;
    return nullptr;
  }
};

// Builds the scenario's world, runs it to its `until` and keeps what the views read.
Run simulate(const scenario::Scenario& sc);

}  // namespace synack::analysis
