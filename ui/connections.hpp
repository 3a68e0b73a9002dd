#pragma once
// A host's connections as `ss -tan` lists them, at any playhead: four-tuple, state,
// send and receive queues, running timers. Built once per run from the trace (states,
// control-block snapshots, timers) and the hosts' socket tables (the four-tuples, fixed
// once a socket has one); queried per frame, so it is plain data tested natively.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/run.hpp"
#include "tcp/connection.hpp"
#include "tcp/state.hpp"

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run

constexpr size_t kTimerKinds = static_cast<size_t>(tcp::Timer::Count_);

struct ConnHistory {
  uint32_t sock = 0;
  bool listening = false;
  tcp::FourTuple tuple;  // a listener: local port only
  int backlog = 0;       // a listener's
  struct StateAt {
    int64_t t;
    tcp::State state;
  };
  struct QueuesAt {
    int64_t t;
    uint32_t send_q, recv_q;
  };
  struct TimerAt {
    int64_t t;
    int64_t deadline;  // 0: fired or cancelled at t
  };
  std::vector<StateAt> states;
  std::vector<QueuesAt> queues;
  std::array<std::vector<TimerAt>, kTimerKinds> timers;
};

struct HostConnections {
  std::string name;
  std::vector<ConnHistory> conns;  // in socket order
  // Every moment a socket's row changes (an event of it: a state, a queue, a timer
  // armed, fired or cancelled), in time order: a playhead that moves a little retakes only the rows in between.
  struct Change {
    int64_t t;
    uint32_t conn;  // index into conns
  };
  std::vector<Change> changes;
};

struct Connections {
  std::vector<HostConnections> hosts;  // by trace host index
};

Connections build_connections(const Run& run);

// One line of the table at a playhead.
struct ConnRow {
  const ConnHistory* conn = nullptr;
  tcp::State state = tcp::State::Closed;
  uint32_t send_q = 0;  // bytes sent but not yet acknowledged, or not yet sent (a listener: its backlog)
  uint32_t recv_q = 0;  // bytes received but not yet read by the application
  int timer = -1;       // the running timer due first (a tcp::Timer), or -1
  int64_t timer_due = 0;  // when it runs out (the time left is counted where it is shown)
  int more_timers = 0;  // other timers running too
};

// The host's sockets that exist at t (a listener while it listens, a connection from its
// first state until it is CLOSED), in socket order.
std::vector<ConnRow> rows_at(const Connections& c, size_t host, int64_t t);
// The same, into `rows`: where `rows` holds the rows of the same sockets at another
// moment (in any order), each is taken at t in place and false is returned, so that a
// sorted table is sorted again only if its order changed (rows_sorted); otherwise the
// rows are made afresh in socket order and true is returned. Given the moment the rows
// were taken at (`rows_t`), only the sockets that changed in between are taken again:
// the Connections tab calls this every frame while a run plays, and a frame's step
// changes a few of 10,000 rows.
bool update_rows_at(const Connections& c, size_t host, int64_t t, std::vector<ConnRow>& rows, int64_t rows_t = -1);

// In the order `ss -tan` prints them.
enum class ConnColumn { State, RecvQ, SendQ, Local, Remote, Timer };
// Sorts rows by a column; ties keep socket order, so the table does not shuffle.
void sort_rows(std::vector<ConnRow>& rows, ConnColumn column, bool descending);
bool rows_sorted(const std::vector<ConnRow>& rows, ConnColumn column, bool descending);

// "10.0.0.2:80", or "*:80" for a listener's local side and "*:*" for its remote one.
std::string local_text(const ConnHistory& c);
std::string remote_text(const ConnHistory& c);
// At t: "RTO 0.812 s", "2MSL 9.990 s +1" (one more running), or "".
std::string timer_text(const ConnRow& r, int64_t t);

}  // namespace synack::ui
