#pragma once
// What panels hold between frames. The app owns it, not the panels' statics, so that
// nothing carries over from one run or lesson to the next unasked (the NIC controls start
// from each new run's own NIC, not from the first scenario ever shown) and a test can see
// what a panel will do.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "lesson/lesson.hpp"

namespace synack::ui {

struct HandmadeForm {
  int from = 0;  // 0: the left host, 1: the right
  bool syn = false, ack = true, fin = false, rst = true, psh = false;
  int seq_base = 0, ack_base = 0;  // indexes into the form's lists of bases (fault_panel.cpp)
  int seq_off = 10, ack_off = 0, len = 0;
  bool bad_checksum = false;
};

struct BreakForm {
  int delay_ms = 2000;  // "delay the next SYN" by
  int down_ms = 3000;   // "link down" for
  // The right host's receive ring and drain interval, taken from the run numbered nic_of_run.
  int ring = 0, drain_us = 0;
  size_t nic_of_run = SIZE_MAX;
  HandmadeForm handmade;
};

// What the learner has done so far to a question that takes more than one click: the
// choices ticked, the number typed, the items' order. Kept for the step it was made for,
// and started afresh each time the question is asked (a lesson opened again may put its
// question at the same address).
struct QuestionDraft {
  const lesson::Question* for_question = nullptr;
  int frame = -1;  // the last frame the question was drawn in
  std::vector<bool> ticked;
  char typed[24] = "";
  std::vector<std::string> items;
};

struct PanelState {
  BreakForm break_form;         // the Break it panel's controls
  QuestionDraft question;       // the lesson panel's question being answered
  std::string inspector_scrolled;  // the inspector's pointing last scrolled to
  float lesson_text_h = 0;         // the height the lesson panel needed last frame
  std::string lesson_text_for;     // the step and phase its text was drawn for
};

}  // namespace synack::ui
