#include "connections.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "sim/time_text.hpp"

namespace synack::ui {

using trace::Ev;

namespace {

template <typename V>
auto latest(const V& v, int64_t t) {
  auto it = std::upper_bound(v.begin(), v.end(), t, [](int64_t x, const auto& m) { return x < m.t; });
  return it == v.begin() ? v.end() : std::prev(it);
}

}  // namespace

Connections build_connections(const Run& run) {
  Connections out;
  const trace::Trace& tr = run.trace;
  // Socket ids are 1-based and never reused: a host's history is indexed by them.
  std::vector<std::map<uint32_t, size_t>> index(run.hosts.size());
  out.hosts.resize(run.hosts.size());
  std::vector<uint32_t> recv_capacity(run.hosts.size());
  for (size_t h = 0; h < run.hosts.size(); ++h) {
    const HostFacts& host = run.hosts[h];
    HostConnections& hc = out.hosts[h];
    hc.name = host.name;
    recv_capacity[h] = host.tcp.recv_buffer;
    for (const SocketFacts& s : host.sockets) {
      ConnHistory c;
      c.sock = s.id;
      c.listening = s.listening;
      c.tuple = s.tuple;
      c.backlog = s.backlog;
      index[h][c.sock] = hc.conns.size();
      hc.conns.push_back(std::move(c));
    }
  }
  for (const trace::TraceEvent& e : tr.events()) {
    if (e.host >= out.hosts.size() || !e.conn) continue;
    auto at = index[e.host].find(e.conn);
    if (at == index[e.host].end()) continue;
    ConnHistory& c = out.hosts[e.host].conns[at->second];
    std::vector<HostConnections::Change>& changes = out.hosts[e.host].changes;
    const uint32_t which = static_cast<uint32_t>(at->second);
    switch (e.kind()) {
      case Ev::StateChange:
        c.states.push_back({e.t.ns, e.as<trace::StateChange>()->to});
        changes.push_back({e.t.ns, which});
        break;
      case Ev::Tcb: {
        const trace::TcbSnapshot& s = tr.tcb_snapshots()[e.as<trace::Tcb>()->snapshot];
        const uint32_t cap = recv_capacity[e.host];
        c.queues.push_back({e.t.ns, s.send_buffered, cap > s.rcv_wnd ? cap - s.rcv_wnd : 0});
        changes.push_back({e.t.ns, which});
        break;
      }
      case Ev::TimerArmed:
      case Ev::TimerFired:
      case Ev::TimerCancelled: {
        const trace::TimerEvent& m = *e.as<trace::TimerEvent>();
        c.timers[static_cast<size_t>(m.timer)].push_back({e.t.ns, m.action == trace::TimerAction::Armed ? m.due_ns : 0});
        // A timer that runs out within the run fires (an event of its own), so its
        // deadline needs no change of its own.
        changes.push_back({e.t.ns, which});
        break;
      }
      default:
        break;
    }
  }
  for (HostConnections& hc : out.hosts)
    std::sort(hc.changes.begin(), hc.changes.end(), [](const auto& a, const auto& b) { return a.t < b.t; });
  return out;
}

namespace {

// The socket's row at t; false while it does not exist (not yet made, or CLOSED).
bool row_at(const ConnHistory& h, int64_t t, ConnRow& r) {
  auto st = latest(h.states, t);
  if (st == h.states.end() || st->state == tcp::State::Closed) return false;
  r = ConnRow{};
  r.conn = &h;
  r.state = st->state;
  if (h.listening) {
    r.send_q = static_cast<uint32_t>(h.backlog);
  } else if (auto q = latest(h.queues, t); q != h.queues.end()) {
    r.send_q = q->send_q;
    r.recv_q = q->recv_q;
  }
  for (size_t k = 0; k < kTimerKinds; ++k) {
    auto tm = latest(h.timers[k], t);
    if (tm == h.timers[k].end() || tm->deadline <= t) continue;
    if (r.timer < 0 || tm->deadline < r.timer_due) {
      if (r.timer >= 0) ++r.more_timers;
      r.timer = static_cast<int>(k);
      r.timer_due = tm->deadline;
    } else {
      ++r.more_timers;
    }
  }
  return true;
}

// The table's order: by the column, ties in socket order (a host's histories are one
// vector in socket order, so their addresses are), rows without a timer last by Timer
// either way round. A total order, so std::sort needs no stable merge buffer.
struct RowOrder {
  ConnColumn column;
  bool descending;
  bool key_less(const ConnRow& a, const ConnRow& b) const {
    const tcp::FourTuple &x = a.conn->tuple, &y = b.conn->tuple;
    switch (column) {
      case ConnColumn::Local:
        return std::tie(x.local_ip.v, x.local_port) < std::tie(y.local_ip.v, y.local_port);
      case ConnColumn::Remote:
        return std::tie(x.remote_ip.v, x.remote_port) < std::tie(y.remote_ip.v, y.remote_port);
      case ConnColumn::State: return a.state < b.state;
      case ConnColumn::SendQ: return a.send_q < b.send_q;
      case ConnColumn::RecvQ: return a.recv_q < b.recv_q;
      case ConnColumn::Timer: return a.timer >= 0 && b.timer >= 0 && a.timer_due < b.timer_due;
    }
    return false;
  }
  bool operator()(const ConnRow& a, const ConnRow& b) const {
    if (column == ConnColumn::Timer && (a.timer < 0) != (b.timer < 0)) return b.timer < 0;
    if (descending ? key_less(b, a) : key_less(a, b)) return true;
    if (descending ? key_less(a, b) : key_less(b, a)) return false;
    return a.conn < b.conn;
  }
};

}  // namespace

std::vector<ConnRow> rows_at(const Connections& c, size_t host, int64_t t) {
  std::vector<ConnRow> rows;
  update_rows_at(c, host, t, rows);
  return rows;
}

namespace {

// Rows taken at `from`, moved to t: only the sockets with something in between (a state,
// a queue, a timer armed, fired or cancelled) are taken again, found through the
// host's time-ordered list of changes. False when a socket came or went in between (the
// rows must be made afresh) or the rows are not this host's.
bool move_rows(const HostConnections& hc, int64_t from, int64_t t, std::vector<ConnRow>& rows) {
  const std::vector<ConnHistory>& conns = hc.conns;
  std::vector<int32_t> row_of(conns.size(), -1);
  for (size_t i = 0; i < rows.size(); ++i) {
    const ConnHistory* h = rows[i].conn;
    if (h < conns.data() || h >= conns.data() + conns.size()) return false;
    row_of[static_cast<size_t>(h - conns.data())] = static_cast<int32_t>(i);
  }
  const int64_t lo = std::min(from, t), hi = std::max(from, t);
  auto first = std::upper_bound(hc.changes.begin(), hc.changes.end(), lo, [](int64_t x, const auto& ch) { return x < ch.t; });
  ConnRow r;
  for (auto it = first; it != hc.changes.end() && it->t <= hi; ++it) {
    const int32_t at = row_of[it->conn];
    const bool there = row_at(conns[it->conn], t, r);
    if (there != (at >= 0)) return false;
    if (there) rows[static_cast<size_t>(at)] = r;
  }
  return true;
}

}  // namespace

bool update_rows_at(const Connections& c, size_t host, int64_t t, std::vector<ConnRow>& rows, int64_t rows_t) {
  if (host >= c.hosts.size()) {
    rows.clear();
    return true;
  }
  if (rows_t >= 0 && !rows.empty() && move_rows(c.hosts[host], rows_t, t, rows)) return false;
  const std::vector<ConnHistory>& conns = c.hosts[host].conns;
  // The same sockets as before (each row's socket still there, and as many there as
  // rows): each row is taken at t where it stands.
  bool same = !rows.empty();
  for (ConnRow& r : rows) {
    const ConnHistory* h = r.conn;
    if (!same || h < conns.data() || h >= conns.data() + conns.size() || !row_at(*h, t, r)) same = false;
  }
  if (same) {
    size_t there = 0;
    ConnRow scratch;
    for (const ConnHistory& h : conns) there += row_at(h, t, scratch);
    if (there == rows.size()) return false;
  }
  rows.clear();
  ConnRow r;
  for (const ConnHistory& h : conns)
    if (row_at(h, t, r)) rows.push_back(r);
  return true;
}

void sort_rows(std::vector<ConnRow>& rows, ConnColumn column, bool descending) {
  std::sort(rows.begin(), rows.end(), RowOrder{column, descending});
}

bool rows_sorted(const std::vector<ConnRow>& rows, ConnColumn column, bool descending) {
  return std::is_sorted(rows.begin(), rows.end(), RowOrder{column, descending});
}

std::string local_text(const ConnHistory& c) {
  const std::string port = std::to_string(c.tuple.local_port);
  return c.listening ? "*:" + port : c.tuple.local_ip.str() + ":" + port;
}

std::string remote_text(const ConnHistory& c) {
  return c.listening ? "*:*" : c.tuple.remote_ip.str() + ":" + std::to_string(c.tuple.remote_port);
}

std::string timer_text(const ConnRow& r, int64_t t) {
  if (r.timer < 0) return "";
  const int64_t timer_left = r.timer_due - t;
  std::string s = std::string(tcp::to_string(static_cast<tcp::Timer>(r.timer))) + " " + sim::seconds_text(timer_left);
  if (r.more_timers > 0) s += " +" + std::to_string(r.more_timers);
  return s;
}

}  // namespace synack::ui
