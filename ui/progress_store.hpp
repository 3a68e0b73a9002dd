#pragma once
// Where lesson progress lives between visits: the browser's localStorage on the web, a
// small text file on the desktop ($SYNACK_PROGRESS_FILE, else
// $XDG_CONFIG_HOME/synack/progress.txt, else ~/.config/synack/progress.txt).
#include <string>

namespace synack::ui {

std::string load_progress_text();
// Best effort: a read-only home or disabled storage loses progress, never the app.
void save_progress_text(const std::string& text);

}  // namespace synack::ui
