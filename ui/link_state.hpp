#pragma once
// What a link (the web page's URL hash) opens: a lesson step or a scenario moment.
//   #lesson=01-handshake&step=3     #scenario=handshake&t=12.5 (ms)
//   #scenario=handshake&t=12.5&profile=linux (the run switched to the other TCP profile)
//   ...&lang=zh or &lang=en: the language on screen, so a copied link keeps it
//   ...&embed=1 (shown in a course page's iframe: the compact view, see App::embed)
// Parsing takes any string from the address bar: unknown keys are ignored, bad numbers
// fall back to defaults, nothing throws.
#include <string>
#include <string_view>

namespace synack::ui {

struct LinkState {
  std::string lesson;    // a lesson id, or empty
  int step = 1;          // 1-based
  std::string scenario;  // a scenario id, or empty
  double t_ms = 0;       // the playhead
  std::string profile;   // a scenario under "rfc" or "linux" (a switched run), or empty: its own
  std::string lang;      // "zh", "en", or empty: the language the app would choose itself
  bool embed = false;    // embed=1
};

LinkState parse_link(std::string_view hash);  // with or without the leading '#'
std::string format_link(const LinkState& s);  // without '#'

}  // namespace synack::ui
