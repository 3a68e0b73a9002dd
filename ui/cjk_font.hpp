#pragma once
// The Chinese font is a file of its own (cjk_font.ttf, cmake/CjkFont.cmake): 697 KB that
// an English screen never needs. It is read only when Chinese is asked for (a first visit
// in Chinese, the switch, #lang=zh, --lang zh), then merged into the ImGui font atlas,
// which is built again and uploaded again. On the web it is fetched from beside the .wasm
// (the page's own origin, nothing else); on the desktop it is read from beside the app or
// from its install's share/synack.
//
// While it is on its way the screen stays in the language it was in and the switch says
// it is loading ("中文 …"): nothing is drawn in Chinese before its glyphs are in the atlas,
// so nothing is drawn as a box. A first visit in Chinese draws its first frame once the
// font is in (web_main.cpp). A font that cannot be had is said on the status line (and on
// stderr), and the app stays in English.
#include <string>
#include <vector>

#include "strings.hpp"

namespace synack::ui {

struct App;

struct CjkFont {
  enum class State { Absent, Loading, Arrived, InAtlas, Failed };
  State state = State::Absent;
  std::vector<std::string> files;    // the desktop's places for the file, the first found is read
  std::vector<unsigned char> bytes;  // kept: the atlas reads them again at each build and does not own them
  bool then_chinese = false;         // the language waits for the font
  bool for_text = false;             // Chinese text on an English screen (a teacher's Chinese-only lesson)
  std::vector<unsigned> more;        // a lesson's own characters the atlas lacks: added between frames
  std::string error;                 // why it could not be had
};

// Puts the app in `lang` at once when its glyphs are there. Chinese without its font asks
// for the font first, and the app goes into Chinese between the frames once the font is
// in the atlas (cjk_font_between_frames).
void ask_language(App& app, Lang lang);
// Whether Chinese was asked for and waits for its font.
bool chinese_waits_for_font(const App& app);
// The open lesson's Chinese characters that the atlas lacks (a teacher's lesson may use
// any of GB2312 level 1; the atlas holds what synack's own Chinese uses) are added between
// the frames. A lesson written in Chinese on an English screen (a teacher's Chinese-only
// lesson) asks for the font too, without a switch.
void want_font_for_lesson(App& app);
// Whether the web page draws no frame until the font is in: a first visit in Chinese, or
// Chinese text on screen. The canvas keeps what it showed; nothing is drawn as a box.
bool cjk_font_holds_frames(const App& app);

// Where the fetch (web) or the read (desktop) ends: the file's bytes, or why not.
void cjk_font_arrived(App& app, std::vector<unsigned char> bytes);
void cjk_font_failed(App& app, const std::string& why);

// Between two frames (ImGui locks the atlas during one): merges a font that arrived into
// the atlas, then puts the app in the Chinese that waited for it. True when the atlas
// changed, so that its texture must be uploaded again (gl_renderer_upload_font).
bool cjk_font_between_frames(App& app);

// Merges the CJK font (the file's bytes, kept alive by the caller) into the atlas's UI font
// at the size the UI font was built at, for the characters synack's own Chinese uses
// (cjk_text_chars, glyph_ranges.hpp) and `more`, and builds the atlas again.
void merge_cjk_font(const std::vector<unsigned char>& bytes, const std::vector<unsigned>& more = {});

// Reads a whole file; on failure says why in *error (the path and the system's reason).
bool read_font_file(const std::string& path, std::vector<unsigned char>* out, std::string* error);

}  // namespace synack::ui
