#pragma once
// Which tab of a tab bar shows, and a switch asked for by code (a key, a lesson step).
#include <imgui.h>

namespace synack::ui {

// The request holds until that tab shows: a tab bar met for the first time cannot
// select a tab on that frame.
struct TabChoice {
  int shown = 0;
  int asked = -1;
  void ask(int tab) { asked = tab; }
  ImGuiTabItemFlags flags(int tab) const { return asked == tab ? ImGuiTabItemFlags_SetSelected : 0; }
  void showing(int tab) {
    shown = tab;
    if (asked == tab) asked = -1;
  }
};

}  // namespace synack::ui
