#pragma once
// What the views of one frame are drawn with besides the run: the playhead and the
// display's choices. The frame makes it once; the views only read it.
#include <cstdint>

namespace synack::ui {

struct Display {
  int64_t t = 0;               // the playhead, simulated ns
  int selected = -1;           // the segment selected, an index into the timeline's segments
  bool relative_seq = true;    // sequence numbers relative to each side's ISN
  bool playhead_moved = false; // since the last frame: the ladders follow it
  int frame = 0;               // this frame's number: what a view keeps knows how old it is
};

}  // namespace synack::ui
