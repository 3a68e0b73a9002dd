// A server application's idle timeout (T15): the `listen` key idle_timeout closes an
// accepted connection once that long has passed without data from the client.
#include <gtest/gtest.h>

#include <string>

#include "scenario/scenario.hpp"
#include "scenario_text.hpp"
#include "trace/trace.hpp"
#include "world/world.hpp"

using namespace synack;
using synack::testing::kTwoHosts;  // not gtest's namespace testing
using synack::testing::listen_then_connect;

namespace {

std::string scenario_text(const std::string& listen_extra, const std::string& more_actions = "") {
  return R"(
name = "idle"
until = "60s")" + kTwoHosts + listen_then_connect("10ms", listen_extra + "\n") + more_actions;
}

struct IdleRun {
  std::unique_ptr<world::World> w;
  // When the server's application closed because of the timeout, or -1.
  int64_t idle_close_ns = -1;
  int64_t idle_ns = 0;  // the idle timeout the close() says made it
  int64_t accepted_ns = -1;
  int64_t last_data_ns = -1;
};

IdleRun run(const std::string& text) {
  auto s = scenario::parse_scenario(text, "idle.toml");
  EXPECT_TRUE(s) << (s ? "" : s.error().str());
  IdleRun r;
  r.w = scenario::build_world(*s);
  r.w->run(s->until);
  const trace::Trace& t = r.w->trace();
  for (const trace::TraceEvent& e : t.events()) {
    if (t.host_name(e.host) != "server") continue;
    if (auto* c = e.as<trace::AppCall>(); c && c->call == trace::Call::Close && c->idle_ns) {
      r.idle_close_ns = e.t.ns;
      r.idle_ns = c->idle_ns;
    }
    if (auto* a = e.as<trace::AppResult>(); a && a->result == trace::Result::Accepted) r.accepted_ns = e.t.ns;
    if (auto* a = e.as<trace::AppResult>(); a && a->result == trace::Result::Received) r.last_data_ns = e.t.ns;
  }
  return r;
}

}  // namespace

TEST(IdleTimeout, TheServerClosesAQuietConnection) {
  const IdleRun r = run(scenario_text("idle_timeout = \"15s\""));
  ASSERT_GE(r.accepted_ns, 0);
  EXPECT_EQ(r.idle_ns, 15'000'000'000);
  // Counted from the accept, exactly: the simulation has no jitter.
  EXPECT_EQ(r.idle_close_ns, r.accepted_ns + 15'000'000'000);
}

TEST(IdleTimeout, DataRestartsTheCount) {
  const std::string send = R"(
[[action]]
at = "5s"
host = "client"
op = "send"
bytes = 100
[[action]]
at = "12s"
host = "client"
op = "send"
bytes = 100
)";
  const IdleRun r = run(scenario_text("idle_timeout = \"15s\"", send));
  ASSERT_GE(r.last_data_ns, 12'000'000'000);
  EXPECT_EQ(r.idle_close_ns, r.last_data_ns + 15'000'000'000);
}

TEST(IdleTimeout, WithoutItTheConnectionStaysOpen) {
  const IdleRun r = run(scenario_text(""));
  EXPECT_EQ(r.idle_close_ns, -1);
  EXPECT_GE(r.accepted_ns, 0);
}

TEST(IdleTimeout, ABadDurationNamesTheLine) {
  auto s = scenario::parse_scenario(scenario_text("idle_timeout = \"soon\""), "idle.toml");
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().str().find("idle.toml"), std::string::npos);
  EXPECT_NE(s.error().str().find("idle_timeout"), std::string::npos) << s.error().str();
}
