#pragma once
// Every move the TCP state machine makes (RFC 9293 section 3.3.2, figure 5, and the
// moves to CLOSED that the figure leaves out: resets, aborts, timeouts). One table: the
// connection checks each change against it, the state-diagram view draws from it, and a
// test drives every row.
#include <cstddef>
#include <span>

#include "tcp/state.hpp"

namespace synack::tcp {

struct Arc {
  State from;
  Cause cause;
  State to;
  // The arc's label in RFC 9293 figure 5 ("event / action"), or nullptr for a move the
  // figure does not draw.
  const char* figure;
};

std::span<const Arc> arcs();

// The row for a change, or nullptr: a change with no row is a bug in the state machine.
const Arc* find_arc(State from, State to, Cause cause);

}  // namespace synack::tcp
