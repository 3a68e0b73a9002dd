// What the screen shows besides the segments, as plain data from real runs: the
// connections table, the host card's state, the state machine's arcs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "analysis/run.hpp"
#include "connections.hpp"
#include "scenario/scenario.hpp"
#include "scenario_file.hpp"
#include "state_diagram.hpp"
#include "analysis/timeline.hpp"

using namespace synack;
using synack::testing::scenario_file;  // not gtest's namespace testing

namespace {

analysis::Run run_scenario(const std::string& id) { return analysis::simulate(scenario_file(id)); }

constexpr int64_t kForever = INT64_MAX;

}  // namespace

TEST(Connections, TheServersHundredRowsChangeAsTheRunPlays) {
  auto w = run_scenario("many-clients");
  const ui::Connections c = ui::build_connections(w);
  size_t server = 0;
  for (size_t h = 0; h < c.hosts.size(); ++h)
    if (c.hosts[h].name == "server") server = h;
  ASSERT_EQ(c.hosts[server].name, "server");
  // Before any client: the listener alone.
  auto rows = ui::rows_at(c, server, 5'000'000);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, tcp::State::Listen);
  EXPECT_EQ(ui::local_text(*rows[0].conn), "*:5001");
  EXPECT_EQ(ui::remote_text(*rows[0].conn), "*:*");
  EXPECT_EQ(rows[0].send_q, 128u);  // a listener's Send-Q is its backlog, as in ss
  // Halfway through the connects: some established, some not yet there.
  rows = ui::rows_at(c, server, 110'000'000);
  EXPECT_GT(rows.size(), 2u);
  EXPECT_LT(rows.size(), 101u);
  // All 100 handshakes done: 100 connections and the listener, one four-tuple each.
  rows = ui::rows_at(c, server, 400'000'000);
  ASSERT_EQ(rows.size(), 101u);
  int established = 0;
  for (const ui::ConnRow& r : rows) established += r.state == tcp::State::Established;
  EXPECT_EQ(established, 100);
  ui::sort_rows(rows, ui::ConnColumn::Remote, false);
  EXPECT_EQ(ui::remote_text(*rows[0].conn), "*:*");  // 0.0.0.0 first
  EXPECT_EQ(rows[1].conn->tuple.remote_ip.str(), "10.0.1.1");
  EXPECT_EQ(rows[100].conn->tuple.remote_ip.str(), "10.0.1.100");
  EXPECT_EQ(ui::local_text(*rows[1].conn), "10.0.0.2:5001");
  ui::sort_rows(rows, ui::ConnColumn::Remote, true);
  EXPECT_EQ(rows[0].conn->tuple.remote_ip.str(), "10.0.1.100");
  ui::sort_rows(rows, ui::ConnColumn::State, false);
  EXPECT_EQ(rows[0].state, tcp::State::Listen);
  // Played on (the same sockets): taken at the new moment in place, in the order they
  // were sorted in, and still sorted; the client data that has arrived since shows.
  ui::sort_rows(rows, ui::ConnColumn::Remote, true);
  const std::vector<ui::ConnRow> before = rows;
  EXPECT_FALSE(ui::update_rows_at(c, server, 450'000'000, rows));
  ASSERT_EQ(rows.size(), 101u);
  for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i].conn, before[i].conn) << i;
  EXPECT_TRUE(ui::rows_sorted(rows, ui::ConnColumn::Remote, true));
  EXPECT_FALSE(ui::rows_sorted(rows, ui::ConnColumn::Remote, false));
  const auto fresh = ui::rows_at(c, server, 450'000'000);
  for (const ui::ConnRow& r : rows) {
    auto same = std::find_if(fresh.begin(), fresh.end(), [&](const ui::ConnRow& f) { return f.conn == r.conn; });
    ASSERT_NE(same, fresh.end());
    EXPECT_EQ(r.state, same->state);
    EXPECT_EQ(r.recv_q, same->recv_q);
    EXPECT_EQ(r.send_q, same->send_q);
  }
  // Back before the connects: other sockets, so the rows are made afresh.
  EXPECT_TRUE(ui::update_rows_at(c, server, 5'000'000, rows));
  EXPECT_EQ(rows.size(), 1u);
}

TEST(Connections, QueuesAndTimers) {
  // The TIME-WAIT lesson's client: its 2MSL timer runs, then the row is gone.
  auto w = run_scenario("time-wait");
  const ui::Connections c = ui::build_connections(w);
  const analysis::Timeline tl = analysis::build_timeline(w.trace, 0, 1);
  int64_t tw = -1;
  for (const analysis::StateMark& m : tl.states)
    if (m.side == 0 && m.to == "TIME-WAIT") tw = m.t;
  ASSERT_GT(tw, 0);
  auto rows = ui::rows_at(c, 0, tw + 1'000'000);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, tcp::State::TimeWait);
  EXPECT_EQ(rows[0].timer, static_cast<int>(tcp::Timer::TimeWait));
  EXPECT_EQ(ui::timer_text(rows[0], tw + 1'000'000), "2MSL 9.999 s");  // MSL 5 s, 1 ms after it started
  EXPECT_TRUE(ui::rows_at(c, 0, kForever).empty());

  // Unread bytes wait in Recv-Q: the RST lesson's server never reads its 200 bytes.
  auto r = run_scenario("rst");
  const ui::Connections rc = ui::build_connections(r);
  const analysis::Timeline rtl = analysis::build_timeline(r.trace, 0, 1);
  int64_t data_in = -1;
  for (const analysis::SegmentView& s : rtl.segments)
    if (s.from_side == 0 && s.len == 200) data_in = s.t_end;
  ASSERT_GT(data_in, 0);
  uint32_t recv_q = 0;
  for (const ui::ConnRow& row : ui::rows_at(rc, 1, data_in + 1'000'000))
    if (!row.conn->listening) recv_q = row.recv_q;
  EXPECT_EQ(recv_q, 200u);
}

TEST(HostCard, AServerWhoseConnectionEndedStillListens) {
  auto w = run_scenario("stale-syn");
  const analysis::Timeline tl = analysis::build_timeline(w.trace, 0, 1);
  EXPECT_EQ(analysis::state_at(tl, 1, kForever), "CLOSED");  // the connection
  EXPECT_EQ(analysis::card_state(tl, 1, kForever), "LISTEN");  // what the card says
  EXPECT_EQ(analysis::card_state(tl, 0, kForever), "CLOSED");  // the client never listened
  // A host that closed its listener too is CLOSED on its card.
  auto k = run_scenario("rst");
  const analysis::Timeline ktl = analysis::build_timeline(k.trace, 0, 1);
  EXPECT_EQ(analysis::card_state(ktl, 1, kForever), "CLOSED");
}

TEST(StateDiagram, NoArcRunsThroughABoxBetweenItsEnds) {
  // Boxes as drawn, in grid units (the view's are at most this big).
  const float half_col = 0.44f, half_row = 0.36f;
  const ui::StateDiagram& d = ui::rfc9293_diagram();
  auto inside = [&](const ui::DiagramNode& n, float col, float row) {
    return std::abs(col - n.col) < half_col && std::abs(row - n.row) < half_row;
  };
  for (size_t a = 0; a < d.arcs.size(); ++a) {
    const std::vector<ui::GridPoint> p = ui::arc_path(d, static_cast<int>(a));
    for (size_t k = 0; k + 1 < p.size(); ++k)
      for (int step = 0; step <= 200; ++step) {
        const float f = static_cast<float>(step) / 200.0f;
        const float col = p[k].col + (p[k + 1].col - p[k].col) * f, row = p[k].row + (p[k + 1].row - p[k].row) * f;
        for (size_t n = 0; n < d.nodes.size(); ++n) {
          if (static_cast<int>(n) == d.arcs[a].from || static_cast<int>(n) == d.arcs[a].to) continue;
          EXPECT_FALSE(inside(d.nodes[n], col, row))
              << d.nodes[static_cast<size_t>(d.arcs[a].from)].state << " -> "
              << d.nodes[static_cast<size_t>(d.arcs[a].to)].state << " crosses " << d.nodes[n].state;
        }
      }
  }
}

// The Connections tab moves its rows with the playhead, retaking only the sockets that
// changed in between: at every moment, forward and back, they must be the rows made afresh.
TEST(Connections, RowsMovedWithThePlayheadAreTheRowsMadeAfresh) {
  for (const char* name : {"many-clients", "time-wait", "keepalive", "rst"}) {
    auto w = run_scenario(name);
    const ui::Connections c = ui::build_connections(w);
    const int64_t end = analysis::build_timeline(w.trace, 0, 1).end_ns;
    std::vector<int64_t> times;
    for (int64_t t = 0; t <= end + end / 10; t += end / 173 + 1) times.push_back(t);
    for (size_t i = times.size(); i-- > 0;) times.push_back(times[i] + 7);  // and back
    for (size_t host = 0; host < c.hosts.size(); ++host) {
      std::vector<ui::ConnRow> rows;
      int64_t rows_t = -1;
      for (int64_t t : times) {
        ui::update_rows_at(c, host, t, rows, rows_t);
        rows_t = t;
        const auto fresh = ui::rows_at(c, host, t);
        ASSERT_EQ(rows.size(), fresh.size()) << name << " host " << host << " at " << t;
        for (const ui::ConnRow& r : rows) {
          auto f = std::find_if(fresh.begin(), fresh.end(), [&](const ui::ConnRow& x) { return x.conn == r.conn; });
          ASSERT_NE(f, fresh.end()) << name << " at " << t;
          EXPECT_EQ(r.state, f->state) << name << " at " << t;
          EXPECT_EQ(r.send_q, f->send_q) << name << " at " << t;
          EXPECT_EQ(r.recv_q, f->recv_q) << name << " at " << t;
          EXPECT_EQ(r.timer, f->timer) << name << " at " << t;
          EXPECT_EQ(r.timer_due, f->timer_due) << name << " at " << t;
          EXPECT_EQ(r.more_timers, f->more_timers) << name << " at " << t;
        }
      }
    }
  }
}
