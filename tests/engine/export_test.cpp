// The trace's text view on hand-made traces: each line of the text keeps its columns apart.
#include <gtest/gtest.h>

#include <string>

#include "trace/export.hpp"

using namespace synack;
using trace::Ev;


TEST(TextTrace, ALongHostNameIsStillFollowedByASpace) {
  trace::Trace t;
  const uint16_t h = t.add_host("client97");
  const uint16_t g = t.add_host("client100");
  t.add(trace::TraceEvent{.t = sim::Time{1}, .host = h, .kind = Ev::StateChange, .conn = 3, .text = "LISTEN -> SYN-RCVD"});
  t.add(trace::TraceEvent{.t = sim::Time{2}, .host = g, .kind = Ev::AppCall, .conn = 4, .text = "close()"});
  const std::string text = trace::to_text(t);
  EXPECT_NE(text.find("client97 conn 3 LISTEN -> SYN-RCVD"), std::string::npos) << text;
  EXPECT_NE(text.find("client100 app 4 close()"), std::string::npos) << text;
}

