#pragma once
// One finished run: everything the views read, and nothing live. The world that made it
// is gone once the run is built, so a view cannot reach into a host, and a session hands
// the same immutable run to every view of a frame.
#include <cstdint>
#include <optional>
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

// A run read from a capture file (analysis/capture_run.hpp), not simulated: nothing in
// it can be re-simulated, and every state in it is inferred from one point on the path.
struct CaptureOrigin {
  std::string file;          // as the screen names it
  size_t stream = 0;         // which of the file's connections
  size_t streams = 0;        // how many the file has
  std::string where;         // "near the client", "near the server", "unknown"
  std::string where_why;     // the handshake's timing that says so
  uint64_t missed_bytes[2] = {0, 0};  // client's, server's bytes acknowledged but never seen
};

struct Run {
  trace::Trace trace;
  Timeline timeline;             // between the first two hosts, as the scene and the ladder draw it
  std::vector<HostFacts> hosts;  // by trace host index
  bool simulated = false;        // false: no run (nothing loaded, or a file that failed)
  std::optional<CaptureOrigin> capture;  // set: the run is a capture's, not simulated
  const HostFacts* host(const std::string& name) const {
    for (const HostFacts& h : hosts)
      if (h.name == name) return &h;
    return nullptr;
  }
};

// Builds the scenario's world, runs it to its `until` and keeps what the views read.
Run simulate(const scenario::Scenario& sc);

}  // namespace synack::analysis
