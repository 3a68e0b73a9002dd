#include "state_diagram.hpp"

namespace synack::ui {

namespace {

StateDiagram build() {
  StateDiagram d;
  d.nodes = {
      {"CLOSED", 1, 0},      {"LISTEN", 0.6f, 1},    {"SYN-RCVD", 0, 2},   {"SYN-SENT", 2, 2},
      {"ESTABLISHED", 1, 3}, {"FIN-WAIT-1", 0, 4},   {"CLOSE-WAIT", 2, 4}, {"FIN-WAIT-2", 0, 5},
      {"CLOSING", 1, 5},     {"LAST-ACK", 2, 5},     {"TIME-WAIT", 0, 6},  {"CLOSED", 2, 6},
  };
  auto n = [&](const char* s, bool bottom = false) {
    return d.node_of(s, bottom);
  };
  d.arcs = {
      {n("CLOSED"), n("LISTEN"), "passive open"},
      {n("CLOSED"), n("SYN-SENT"), "active open / SYN"},
      {n("LISTEN"), n("SYN-RCVD"), "rcv SYN / SYN,ACK"},
      {n("LISTEN"), n("SYN-SENT"), "send / SYN"},
      {n("SYN-SENT"), n("SYN-RCVD"), "rcv SYN / ACK"},
      {n("SYN-RCVD"), n("LISTEN"), "rcv RST"},
      {n("SYN-RCVD"), n("ESTABLISHED"), "rcv ACK of SYN"},
      {n("SYN-SENT"), n("ESTABLISHED"), "rcv SYN,ACK / ACK"},
      {n("SYN-RCVD"), n("FIN-WAIT-1"), "close / FIN"},
      {n("ESTABLISHED"), n("FIN-WAIT-1"), "close / FIN"},
      {n("ESTABLISHED"), n("CLOSE-WAIT"), "rcv FIN / ACK"},
      {n("FIN-WAIT-1"), n("FIN-WAIT-2"), "rcv ACK of FIN"},
      {n("FIN-WAIT-1"), n("CLOSING"), "rcv FIN / ACK"},
      {n("FIN-WAIT-1"), n("TIME-WAIT"), "rcv FIN+ACK / ACK", -0.47f},
      {n("FIN-WAIT-2"), n("TIME-WAIT"), "rcv FIN / ACK"},
      {n("CLOSING"), n("TIME-WAIT"), "rcv ACK of FIN"},
      {n("CLOSE-WAIT"), n("LAST-ACK"), "close / FIN"},
      {n("LAST-ACK"), n("CLOSED", true), "rcv ACK of FIN"},
      {n("TIME-WAIT"), n("CLOSED", true), "2MSL timeout"},
      {n("SYN-SENT"), n("CLOSED"), "close / timeout"},
  };
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
