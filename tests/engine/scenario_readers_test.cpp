// parse_scenario_table's readers, one table each: the top level, the hosts (a group
// expanded), the cross-checks between hosts, faults, actions and hand-made segments.
// Each shape of table a reader refuses, with the line and words it gives.
#include <gtest/gtest.h>

#include "scenario/scenario.hpp"
#include "scenario_text.hpp"

using namespace synack;
using synack::testing::kTwoHosts;  // not gtest's namespace testing

namespace {

std::string error_of(const std::string& text) {
  auto r = scenario::parse_scenario(text, "s.toml");
  return r ? std::string("no error") : r.error().str();
}

}  // namespace

TEST(ScenarioReaders, TablesWrittenAsSomethingElse) {
  EXPECT_EQ(error_of("host = 1\n"), "s.toml:1: expected at least two [[host]] tables, each with name and ip");
  EXPECT_EQ(error_of("host = [1, 2]\n"), "s.toml:1: each [[host]] must be a table");
  EXPECT_EQ(error_of("fault = 1\n" + kTwoHosts), "s.toml:1: faults are written as [[fault]] tables");
  EXPECT_EQ(error_of("fault = [1]\n" + kTwoHosts), "s.toml:1: each [[fault]] must be a table");
  EXPECT_EQ(error_of("action = 1\n" + kTwoHosts), "s.toml:1: actions are written as [[action]] tables");
  EXPECT_EQ(error_of("action = [1]\n" + kTwoHosts), "s.toml:1: each [[action]] must be a table");
  EXPECT_EQ(error_of("segment = 1\n" + kTwoHosts),
            "s.toml:1: hand-made segments are written as [[segment]] tables");
  EXPECT_EQ(error_of("segment = [1]\n" + kTwoHosts), "s.toml:1: each [[segment]] must be a table");
}

TEST(ScenarioReaders, CrossChecksBetweenHosts) {
  EXPECT_EQ(error_of("[[host]]\nname = \"a\"\nip = \"10.0.0.1\"\n"), "s.toml:1: a scenario needs at least two [[host]] tables");
  EXPECT_EQ(error_of(kTwoHosts + "[[host]]\nname = \"third\"\nip = \"10.0.0.2\"\n"),
            "s.toml:8: IP 10.0.0.2 is used twice");
  // The top level's own error comes after every table's.
  EXPECT_EQ(error_of("seed = -1\n" + kTwoHosts + "[[fault]]\n"),
            "s.toml:9: [[fault]] #1 needs an action, e.g. action = \"drop\"");
  auto three = scenario::parse_scenario(kTwoHosts + "[[host]]\nname = \"c\"\nip = \"10.0.0.3\"\n", "s.toml");
  ASSERT_TRUE(three) << three.error().str();
  EXPECT_TRUE(three->use_switch);  // more than two hosts need a switch
}

// A group is name1..nameN at consecutive addresses; its first member keeps the group's
// place among the hosts, the rest follow every [[host]]. Actions may name the group.
TEST(ScenarioReaders, AHostGroupExpands) {
  auto s = scenario::parse_scenario(R"(
[[host]]
name = "c"
ip = "10.0.0.10"
count = 3
[host.tcp]
no_time_wait = true
[[host]]
name = "server"
ip = "10.0.0.2"
[[action]]
at = "0s"
host = "c"
op = "kill"
)",
                                    "s.toml");
  ASSERT_TRUE(s) << s.error().str();
  std::vector<std::string> names, ips;
  for (const scenario::HostSpec& h : s->hosts) {
    names.push_back(h.config.name);
    ips.push_back(h.config.ip.str());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"c1", "server", "c2", "c3"}));
  EXPECT_EQ(ips, (std::vector<std::string>{"10.0.0.10", "10.0.0.2", "10.0.0.11", "10.0.0.12"}));
  EXPECT_EQ(s->hosts[2].group, "c");
  EXPECT_EQ(s->hosts[2].config.mac.str(), "02:01:00:01:00:02");
  EXPECT_TRUE(s->counterfactual);  // a member's own [host.tcp] makes the run a counterfactual
  EXPECT_TRUE(s->use_switch);
  EXPECT_EQ(error_of("[[host]]\nname = \"c\"\nip = \"10.0.0.10\"\ncount = 2\nmac = \"02:00:00:00:00:01\"\n"),
            "s.toml:5: a host group (count > 1) gets its MACs assigned; drop 'mac'");
  EXPECT_EQ(error_of(kTwoHosts + "[[action]]\nat = \"0s\"\nhost = \"nobody\"\nop = \"kill\"\n"),
            "s.toml:10: 'host' names no host: \"nobody\"; hosts are client, server");
}
