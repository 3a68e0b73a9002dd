#pragma once
// The Connections tab: one host's sockets at the playhead, like `ss -tan` (see
// connections.hpp), sortable by any column, clipped so that 10,000 rows stay fast.
#include <cstdint>
#include <string>
#include <vector>

#include "connections.hpp"
#include "ui_view.hpp"

namespace synack::ui {

struct ConnectionsView {
  int host = -1;  // trace host index; -1: the right-hand host drawn (the server)
  // The rows of the last frame, kept while neither the playhead nor the order changes.
  std::vector<ConnRow> rows;
  int64_t rows_t = -1;
  int rows_host = -1;
  const Connections* rows_of = nullptr;
  size_t rows_generation = 0;
  ConnColumn column = ConnColumn::Remote;
  bool descending = false;
};

// `generation` changes whenever the run is re-simulated (the rows point into `c`).
// What was drawn goes to `view` (rows, order, the headers' rectangles as conn_head1..6).
void draw_connections(const Connections& c, size_t generation, ConnectionsView& v, int64_t t, int default_host,
                      UiView& view);

}  // namespace synack::ui
