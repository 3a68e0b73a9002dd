#pragma once
// The frame function shared by the web and desktop mains: plain code over plain structs.
#include <imgui.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "timeline.hpp"
#include "world/world.hpp"

namespace synack::ui {

struct Playback {
  int64_t t = 0;          // the playhead, simulated ns
  bool playing = false;
  int speed_index = 2;    // into kSpeeds (app.cpp): simulated seconds per real second
  bool skip_quiet = true; // jump over stretches where nothing is on the cable
};

struct App {
  float zoom = 1.0f;  // presentation zoom on top of the DPI scale
  bool show_help = false;
  int frame_count = 0;

  int scenario = -1;                    // index into scenario_library()
  std::string scenario_name;
  std::string error;                    // a scenario that failed to load: file, line, what
  bool counterfactual = false;          // "not real TCP"
  std::unique_ptr<world::World> world;
  Timeline timeline;
  std::vector<std::pair<int64_t, std::string>> log;  // the text trace, one line per event
  Playback play;
  int selected = -1;                    // index into timeline.segments
  bool relative_seq = true;
  int64_t last_drawn_t = -1;
};

// Loads the embedded UI font at a size fitting the display's pixel density.
void setup_fonts_and_style(float dpi_scale);

// Runs scenario `index` of the library and shows it from t = 0.
void load_scenario(App& app, int index);

// Opens the scenario with this id (file stem) at playhead t; false if there is none.
bool open_scenario(App& app, const std::string& id, int64_t t);

// Draws one frame of the whole application; dt is the real time since the last frame.
void frame(App& app, float dt);

}  // namespace synack::ui
