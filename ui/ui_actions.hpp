#pragma once
// What a click asks for, as a value: a view draws from what it is given and returns the
// action its control asked for; the frame performs it on the session. The page's
// accessible copy of the lesson's controls (a DOM button, web/index.html) names the same
// actions, as ui_view.hpp records the items, so that a button in the DOM does what a
// click on the canvas does.
#include <string>
#include <utility>

#include "session.hpp"

namespace synack::ui {

struct Action {
  enum class Kind {
    None,
    Play,            // toggles playing
    LessonNext,
    LessonBack,
    LessonSkip,
    LessonTry,
    LessonReturn,    // from a "try it" variant back to the lesson
    LessonGoto,      // n: the step
    LessonAnswer,    // n: the choice for one answer, else 1 right and 0 wrong (LessonRun::chosen)
    LoadLesson,      // n: the index into lessons()
    OpenLessonFile,  // the file picker
    OpenCaptureFile, // the file picker, for a pcap or pcapng
    BranchApply,     // edit
    BranchUndo,
    BranchReset,
  };
  Kind kind = Kind::None;
  int n = 0;
  Edit edit;
  Action() = default;
  Action(Kind k, int number = 0) : kind(k), n(number) {}
  static Action apply(Edit e) {
    Action a(Kind::BranchApply);
    a.edit = std::move(e);
    return a;
  }
  explicit operator bool() const { return kind != Kind::None; }
};

// Performs one action on the session; None does nothing.
void perform(Session& session, const Action& action);

// The page's actions by name; false when the name is unknown or the action is not
// offered right now (e.g. "next" while a question waits). Names: next, back, skip, try,
// back_to_lesson, return_to_step, play (toggles), choiceN (a one-answer question's
// choice, from 1), several:N,M (the choices ticked, then checked), number:N,
// order:ITEM|ITEM|...
bool perform_action(Session& session, const std::string& action);

}  // namespace synack::ui
