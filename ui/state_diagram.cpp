#include "state_diagram.hpp"

#include "tcp/arcs.hpp"

namespace synack::ui {

namespace {

// Where each state's box sits, as in the RFC's figure; CLOSED twice (see node_of).
struct Place {
  tcp::State state;
  float col, row;
};
constexpr Place kPlaces[] = {
    {tcp::State::Closed, 1, 0},      {tcp::State::Listen, 0.6f, 1},  {tcp::State::SynReceived, 0, 2},
    {tcp::State::SynSent, 2, 2},     {tcp::State::Established, 1, 3}, {tcp::State::FinWait1, 0, 4},
    {tcp::State::CloseWait, 2, 4},   {tcp::State::FinWait2, 0, 5},   {tcp::State::Closing, 1, 5},
    {tcp::State::LastAck, 2, 5},     {tcp::State::TimeWait, 0, 6},   {tcp::State::Closed, 2, 6},
};

// The arcs are the state machine's own (tcp/arcs.cpp): each pair of states that a row
// with a figure label joins, drawn once. Only the layout is this file's.
StateDiagram build() {
  StateDiagram d;
  for (const Place& p : kPlaces) d.nodes.push_back({tcp::to_string(p.state), p.col, p.row});
  for (const tcp::Arc& a : tcp::arcs()) {
    if (!a.figure) continue;
    const std::string from = tcp::to_string(a.from), to = tcp::to_string(a.to);
    if (d.arc_of(from, to) >= 0) continue;
    // Into the bottom CLOSED from the end of a connection; the top one otherwise.
    const bool bottom = a.from == tcp::State::LastAck || a.from == tcp::State::TimeWait;
    // FIN-WAIT-1 to TIME-WAIT passes FIN-WAIT-2 on its left.
    const float detour = a.from == tcp::State::FinWait1 && a.to == tcp::State::TimeWait ? -0.47f : 0;
    d.arcs.push_back({d.node_of(from, false), d.node_of(to, bottom), a.figure, detour});
  }
  return d;
}

}  // namespace

int StateDiagram::node_of(const std::string& state, bool after_a_connection) const {
  int found = -1;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].state != state) continue;
    found = static_cast<int>(i);
    if (!after_a_connection) return found;  // the first: the top CLOSED
  }
  return found;  // the last: the bottom CLOSED
}

int StateDiagram::arc_of(const std::string& from, const std::string& to) const {
  for (size_t i = 0; i < arcs.size(); ++i) {
    const DiagramArc& a = arcs[i];
    if (nodes[static_cast<size_t>(a.from)].state == from && nodes[static_cast<size_t>(a.to)].state == to)
      return static_cast<int>(i);
  }
  return -1;
}

std::vector<GridPoint> arc_path(const StateDiagram& d, int arc) {
  const DiagramArc& a = d.arcs[static_cast<size_t>(arc)];
  const DiagramNode& f = d.nodes[static_cast<size_t>(a.from)];
  const DiagramNode& t = d.nodes[static_cast<size_t>(a.to)];
  if (a.detour == 0) return {{f.col, f.row}, {t.col, t.row}};
  return {{f.col, f.row}, {f.col + a.detour, f.row}, {t.col + a.detour, t.row}, {t.col, t.row}};
}

const StateDiagram& rfc9293_diagram() {
  static const StateDiagram d = build();
  return d;
}

}  // namespace synack::ui
