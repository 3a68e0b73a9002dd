#pragma once
// The lesson's controls by name, as the page's accessible copy of them asks (a DOM
// button, web/index.html): the same names as the items ui_view.hpp records, so that a
// button in the DOM does what a click on the canvas does.
#include <string>

namespace synack::ui {

struct App;

// Performs one action; false when it is unknown or not offered right now (e.g. "next"
// while a question waits). Names: next, back, skip, try, back_to_lesson,
// return_to_step, play (toggles), choiceN (a one-answer question's choice, from 1),
// several:N,M (the choices ticked, then checked), number:N, order:ITEM|ITEM|...
bool perform_action(App& app, const std::string& action);

}  // namespace synack::ui
