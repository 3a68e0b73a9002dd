#pragma once
// The TCP state machine laid out like RFC 9293's figure 5: CLOSED at the top, the
// opening states, ESTABLISHED in the middle, the closing states below, a second CLOSED
// at the bottom right. Plain data, so its completeness is tested natively.
#include <string>
#include <vector>

namespace synack::ui {

struct DiagramNode {
  std::string state;  // "CLOSED", "LISTEN", ...
  float col = 0;      // 0..2, left to right
  float row = 0;      // 0..6, top to bottom
};

struct DiagramArc {
  int from = 0, to = 0;   // node indices
  std::string label;      // the RFC's event / action, short
  // Non-zero: the arc leaves its box sideways and runs this many columns off the
  // centres, around a box that lies between its ends (FIN-WAIT-1 to TIME-WAIT skips
  // FIN-WAIT-2, so it must not be drawn through it).
  float detour = 0;
};

struct GridPoint {
  float col = 0, row = 0;
};

struct StateDiagram {
  std::vector<DiagramNode> nodes;
  std::vector<DiagramArc> arcs;
  // The node drawing a state; CLOSED is the top node before anything happened and
  // the bottom one after a connection ended.
  int node_of(const std::string& state, bool after_a_connection) const;
  // The RFC arc for a transition, or -1 if the figure has none (e.g. a RST abort).
  int arc_of(const std::string& from, const std::string& to) const;
};

// An arc's path in grid units, from its start node's centre to its end node's centre
// (the view clips the ends at the boxes): two points, or four with a detour.
std::vector<GridPoint> arc_path(const StateDiagram& d, int arc);

const StateDiagram& rfc9293_diagram();

}  // namespace synack::ui
