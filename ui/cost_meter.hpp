#pragma once
// What a run has cost so far, as a meter on screen: segments, bytes and connections per
// host and for the whole run, and round trips. Plain data built once from the trace,
// queried at the playhead, so a lesson can say "the meter says 61 segments" and a test
// can hold it to that.
#include <cstdint>
#include <string>
#include <vector>

#include "trace/trace.hpp"

namespace synack::ui {

struct Cost {
  int64_t segments = 0;    // TCP segments put on the cable (retransmissions too; no ARP)
  int64_t bytes = 0;       // their frames' bytes, headers included
  int64_t data_bytes = 0;  // TCP payload only
  int64_t opened = 0;      // connections opened: connect() (CLOSED -> SYN-SENT)
  int64_t accepted = 0;    // connections accepted: a SYN in LISTEN (LISTEN -> SYN-RCVD)
  // Round trips, counted in one-way trips: the longest chain of segments each sent after
  // the one before it arrived (SYN, SYN,ACK, ACK is a chain of 3). Two trips make a
  // round trip, so a handshake is 1.5 round trips.
  int64_t trips = 0;
  double round_trips() const { return static_cast<double>(trips) / 2.0; }
};

struct CostMeter {
  struct Mark {
    int64_t t = 0;
    Cost total;  // the running total from this moment on
  };
  std::vector<std::string> host_names;
  std::vector<Mark> run;                 // the whole run, in time order
  std::vector<std::vector<Mark>> hosts;  // per host (by trace host index), in time order
};

CostMeter build_cost_meter(const trace::Trace& t);

// The totals at playhead t: the run's, or one host's (by trace host index).
Cost cost_at(const CostMeter& m, int64_t t);
Cost host_cost_at(const CostMeter& m, size_t host, int64_t t);

}  // namespace synack::ui
