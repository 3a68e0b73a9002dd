#pragma once
// Lets the user pick a lesson file to open: the browser's file picker on the web (the
// file arrives through synack_open_lesson_text, see web_main.cpp; dropping a .toml on
// the page works too); on the desktop a path typed into a small window, or
// --lesson-file PATH at start.
#include "app.hpp"
#include "lesson/lesson.hpp"

namespace synack::ui {

void request_lesson_file(App& app);
void draw_open_file_window(App& app);  // the desktop's path prompt, when asked for

// Where an opened lesson's scenarios come from: synack's own (compiled in), and on the
// desktop files beside the lesson (a try-it's scenario_file); the browser reads none.
lesson::Sources lesson_sources();

}  // namespace synack::ui
