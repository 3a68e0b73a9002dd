#pragma once
// The lesson runner's face: the picker in the top bar and the narrative panel beside the
// scene (question, narrative, try it, back and next). Both draw the session's lesson
// state and return what a click asks for; the frame performs it.
#include <string>
#include <vector>

#include "display.hpp"
#include "panel_state.hpp"
#include "session.hpp"
#include "ui_actions.hpp"
#include "ui_view.hpp"

namespace synack::ui {

// `lib`: lessons(session); `lang`: the language on screen (the titles' language).
Action draw_lesson_picker(const std::vector<LessonFile>& lib, const LessonState& ls, Lang lang, UiView& view);
Action draw_lesson_panel(const LessonState& ls, const std::vector<LessonFile>& lib, const Display& d, PanelState& panels,
                         UiView& view);

// Whether the current step, at its stop, points at `what` ("state:server", "timers:client").
bool lesson_highlights(const LessonState& ls, const std::string& what);
// The inspector fields the current step points at ("options", "seq", ...), all of them.
std::vector<std::string> lesson_fields(const LessonState& ls);
// The event log lines (indices into `log`, the run's text trace) the current step points
// at: with "log", those at the stop's moment; with "app:HOST", the host application's
// last line by then.
std::vector<size_t> lesson_log_lines(const LessonState& ls, const analysis::Run& run, const std::vector<trace::TextLine>& log);

}  // namespace synack::ui
