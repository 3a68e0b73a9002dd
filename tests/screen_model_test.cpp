// What the screen shows besides the segments, as plain data from real runs: the
// connections table, the host card's state, the state machine's arcs.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "connections.hpp"
#include "scenario/scenario.hpp"
#include "state_diagram.hpp"
#include "timeline.hpp"

using namespace synack;

namespace {

std::unique_ptr<world::World> run_scenario(const std::string& id) {
  const std::string path = std::string(SYNACK_SOURCE_DIR) + "/scenarios/" + id + ".toml";
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto s = scenario::parse_scenario(text.str(), path);
  EXPECT_TRUE(s) << (s ? "" : s.error().str());
  auto w = scenario::build_world(*s);
  w->run(s->until);
  return w;
}

constexpr int64_t kForever = INT64_MAX;

}  // namespace

TEST(HostCard, AServerWhoseConnectionEndedStillListens) {
  auto w = run_scenario("stale-syn");
  const ui::Timeline tl = ui::build_timeline(w->trace(), 0, 1);
  EXPECT_EQ(ui::state_at(tl, 1, kForever), "CLOSED");  // the connection
  EXPECT_EQ(ui::card_state(tl, 1, kForever), "LISTEN");  // what the card says
  EXPECT_EQ(ui::card_state(tl, 0, kForever), "CLOSED");  // the client never listened
  // A host that closed its listener too is CLOSED on its card.
  auto k = run_scenario("rst");
  const ui::Timeline ktl = ui::build_timeline(k->trace(), 0, 1);
  EXPECT_EQ(ui::card_state(ktl, 1, kForever), "CLOSED");
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
