#pragma once
// A scenario of the source tree's scenarios/ folder, read and parsed as the app's library
// holds it; a file that fails to parse fails the test that asked for it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "scenario/scenario.hpp"

namespace synack::testing {

inline scenario::Scenario scenario_file(const std::string& id) {
  const std::string path = std::string(SYNACK_SOURCE_DIR) + "/scenarios/" + id + ".toml";
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto s = scenario::parse_scenario(text.str(), path);
  EXPECT_TRUE(s) << (s ? "" : s.error().str());
  return s ? *s : scenario::Scenario{};
}

}  // namespace synack::testing
