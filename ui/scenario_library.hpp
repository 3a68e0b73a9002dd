#pragma once
// The scenario files of scenarios/, compiled into the app (the browser has no files).
#include <string>
#include <vector>

namespace synack::ui {

struct EmbeddedScenario {
  const char* id;    // file stem, e.g. "lost-third-ack"
  const char* toml;  // the whole file
};

const std::vector<EmbeddedScenario>& scenario_library();

}  // namespace synack::ui
