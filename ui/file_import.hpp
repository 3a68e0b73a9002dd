#pragma once
// Lets the user pick a lesson file to open: the browser's file picker on the web (it
// takes several files, the lesson and the scenario files it names; they arrive through
// synack_open_files in index.html, as dropped files do); on the desktop a path typed into a small window, or
// --lesson-file PATH at start.
#include "app.hpp"
#include "lesson/lesson.hpp"

namespace synack::ui {

void request_lesson_file();
// The same for a capture file (pcap, pcapng): whichever is picked is told by its bytes.
void request_capture_file();
// A file opened on the desktop: a capture (by its magic number or its name) or a lesson.
bool is_capture_file(const std::string& name, const std::string& bytes);
void draw_open_file_window(App& app);  // the desktop's path prompt, when asked for

// Where an opened lesson's scenarios come from: synack's own (compiled in), the files
// opened together with the lesson (`beside`: the browser's picker or a drop takes
// several), and on the desktop the lesson's folder (a try-it's scenario_file).
lesson::Sources lesson_sources(const std::vector<NamedText>& beside);

// The file among `beside` that a scenario_file path names: the same name, or the same
// name without its folders (the browser gives no folders).
std::optional<std::string> find_beside(const std::vector<NamedText>& beside, const std::string& path);

}  // namespace synack::ui
