#pragma once
// What the lesson UI showed in the last frame, in a form a test can read without pixels:
// the step and its phase, whether the question, the verdict and the narrative were on
// screen, and where each control was drawn (in window points, as a mouse click needs).
// The browser build publishes it to the page each frame (window.synack.ui); native tests
// read it after a headless frame.
#include <map>
#include <string>
#include <vector>

namespace synack::ui {

struct App;

struct UiRect {
  float x = 0, y = 0, w = 0, h = 0;
  bool visible = false;  // wholly inside its panel: clickable without scrolling
};

struct UiView {
  std::map<std::string, UiRect> items;  // "next", "back", "choice1", "skip", "try", "tab_events", ...
  bool question_shown = false;
  bool narrative_shown = false;         // the step's text (only once its moment has come)
  std::string verdict;                  // "", "right" or "wrong"
  bool course_done = false;
  float narrative_overflow = 0;         // points of the lesson text below its box (0: no scrolling)
  float log_scroll = 0, log_scroll_max = 0;
  bool popup_open = false;              // a menu or popup was open this frame
  struct Beside {                       // side by side, when its tab was drawn this frame
    bool shown = false;
    std::string left, right;            // the runs' names in the headers
    bool left_not_real = false, right_not_real = false;  // badged NOT REAL TCP
    int only_left = 0, only_right = 0, differ = 0, state_diffs = 0;
    int segments_left = 0, segments_right = 0;          // each run's segments
    int labels = 0, overlaps = 0, outside = 0;           // the two ladders' labels
  } beside;
  struct Conns {                        // the Connections tab, when drawn this frame
    bool shown = false;
    int rows = 0;                       // the host's sockets at the playhead
    int drawn = 0;                      // rows laid out this frame (the clipper's)
    int column = 0;                     // sorted by (ConnColumn), and which way
    bool descending = false;
    int headers_cut = 0;                // headers whose text does not fit their column
    std::string first_state, last_state;  // the first and last rows' states, in table order
  } conns;
  // A question answered in more than one move, as it stands: the boxes ticked (several),
  // the field's text (number), the items in their current order (order).
  std::vector<bool> ticked;
  std::string typed;
  std::vector<std::string> order_shown;
  std::vector<std::string> verdict_lines;  // the verdict as drawn: right or not and the answer, then feedback
  std::string file_message;                // the open-file window's text (what was refused, or a warning)
};

// Records the last ImGui item under `name`.
void note_item(UiView& v, const std::string& name);

// The view and the lesson's state as one JSON object (see web/web_main.cpp).
std::string ui_view_json(const App& app);

}  // namespace synack::ui
