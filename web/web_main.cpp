// synack in the browser: SDL2 + WebGL2 around the shared frame function.
// The canvas follows the page size; the first frame is reported to the page so the
// smoke test can measure time to first frame.
#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app.hpp"
#include "embedded_files.hpp"
#include "file_export.hpp"
#include "link_state.hpp"
#include "platform.hpp"
#include "ui_actions.hpp"

namespace {

struct WebApp {
  synack::ui::Platform platform;
  synack::ui::App app;
  int css_w = 0;
  int css_h = 0;
  std::string last_hash;  // what the URL hash was last set to
  std::string last_view;  // what window.synack.ui was last set to
  std::vector<synack::ui::NamedText> opened;  // files handed over, until synack_open_files
  std::vector<uint8_t> capture_upload;        // a capture file's bytes, until synack_open_capture
  uint64_t capture_refused_size = 0;          // a capture too big to take in at all
  // What the page embedding synack was last told (post_to_parent).
  std::string told_step;    // "lesson/step" whose stop was reached
  std::string told_answer;  // "lesson/step" whose question was answered
};

void follow_page_size(WebApp& w) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const int iw = static_cast<int>(css_w), ih = static_cast<int>(css_h);
  if (iw > 0 && ih > 0 && (iw != w.css_w || ih != w.css_h)) {
    w.css_w = iw;
    w.css_h = ih;
    SDL_SetWindowSize(w.platform.window, iw, ih);
  }
}

// The URL hash follows what is on screen, so a copied link reopens the same moment:
// #lesson=01-handshake&step=3, or #scenario=handshake&t=12.5 (ms) when paused.
void follow_hash(WebApp& w) {
  std::string& last = w.last_hash;
  const synack::ui::App& a = w.app;
  synack::ui::LinkState link;
  if (a.lesson.active() && !a.lesson.trying) {
    link.lesson = a.lesson.run.lesson.id;
    link.step = a.lesson.run.step + 1;
    link.embed = a.embed;
  } else if (a.scenario >= 0 && !a.play.playing) {
    link.scenario = synack::embedded::scenario_library()[static_cast<size_t>(a.scenario)].id;
    link.t_ms = static_cast<double>(a.play.t) / 1e6;
    if (a.branch.profile) link.profile = synack::scenario::profile_key(*a.branch.profile);
    link.embed = a.embed;
  } else {
    return;
  }
  link.lang = synack::ui::lang_code(a.lang);
  const std::string hash = synack::ui::format_link(link);
  if (hash == last) return;
  last = hash;
  EM_ASM({ history.replaceState(null, "", "#" + UTF8ToString($0)); }, hash.c_str());
}

// The lesson UI as data for tests (ui_view.hpp): window.synack.ui, set when it changes.
void publish_view(WebApp& w) {
  std::string view = synack::ui::ui_view_json(w.app);
  if (view == w.last_view) return;
  w.last_view = std::move(view);
  // The page's accessible copy of the screen follows it (web/index.html).
  EM_ASM({
    const s = window.synack = window.synack || {};
    s.ui = JSON.parse(UTF8ToString($0));
    if (window.synackA11y) window.synackA11y(s.ui);
  }, w.last_view.c_str());
}

// Embedded in a course page (#embed=1), synack tells the page what the learner did:
//   {source: "synack", type: "step", lesson, step, steps, title}   a step's stop reached
//   {source: "synack", type: "answer", lesson, step, right}        its question answered
//   {source: "synack", type: "lesson-finished", lesson, steps}     the last step's stop reached
// (docs/embed.html shows a page that listens.)
void post(const std::string& json) {
  EM_ASM({
    if (window.parent && window.parent !== window) window.parent.postMessage(JSON.parse(UTF8ToString($0)), "*");
  }, json.c_str());
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out + "\"";
}

void post_to_parent(WebApp& w) {
  const synack::ui::App& a = w.app;
  if (!a.embed || !a.lesson.active() || a.lesson.trying) return;
  const synack::ui::LessonRun& r = a.lesson.run;
  const auto& steps = r.lesson.steps;
  const std::string here = r.lesson.id + "/" + std::to_string(r.step + 1);
  const std::string head = "{\"source\":\"synack\",\"lesson\":" + quoted(r.lesson.id) +
                           ",\"steps\":" + std::to_string(steps.size());
  const auto& q = steps[static_cast<size_t>(r.step)].question;
  if (q && r.chosen >= 0 && w.told_answer != here) {
    w.told_answer = here;
    // LessonRun::chosen: the choice of a one-answer question, else 1 for right.
    const bool right = q->kind == synack::lesson::Question::Kind::One ? r.chosen == q->answer : r.chosen == 1;
    post(head + ",\"type\":\"answer\",\"step\":" + std::to_string(r.step + 1) + ",\"right\":" + (right ? "true" : "false") + "}");
  }
  if (r.chosen < 0 && w.told_answer == here) w.told_answer.clear();  // asked again (Back, then Next)
  if (r.phase != synack::ui::StepPhase::AtStop) {
    if (w.told_step == here) w.told_step.clear();
    return;
  }
  if (w.told_step == here) return;
  w.told_step = here;
  post(head + ",\"type\":\"step\",\"step\":" + std::to_string(r.step + 1) + ",\"title\":" +
       quoted(steps[static_cast<size_t>(r.step)].title) + "}");
  if (r.step + 1 == static_cast<int>(steps.size())) post(head + ",\"type\":\"lesson-finished\"}");
}

// Opens what a link names. A link to nothing known changes nothing (on the first
// frame, the course's start opens).
void open_link(WebApp& w, const std::string& hash) {
  const synack::ui::LinkState link = synack::ui::parse_link(hash);
  synack::ui::App& a = w.app;
  if (const auto lang = synack::ui::parse_lang(link.lang); lang && *lang != a.lang) synack::ui::ask_language(a, *lang);
  if (link.embed) a.embed = true;  // once in a course page, always: the page keeps its frame
  if (!link.lesson.empty()) {
    // The link already on screen (the app wrote it) is not reopened.
    if (a.lesson.active() && !a.lesson.trying && a.lesson.run.lesson.id == link.lesson && a.lesson.run.step + 1 == link.step)
      return;
    synack::ui::open_lesson(a, link.lesson, link.step - 1);
  } else if (!link.scenario.empty()) {
    if (synack::ui::open_scenario(a, link.scenario, static_cast<int64_t>(link.t_ms * 1e6)) && !link.profile.empty())
      synack::ui::switch_profile(a, link.profile == "linux" ? synack::tcp::Profile::Linux : synack::tcp::Profile::Rfc);
  }
  w.last_hash.clear();  // say again what is on screen, whatever the link was
}


void loop(void* arg) {
  auto& w = *static_cast<WebApp*>(arg);
  follow_page_size(w);
  // A first visit in Chinese draws its first frame in Chinese, once the font is here.
  if (synack::ui::cjk_font_holds_frames(w.app)) return;
  const double t0 = emscripten_get_now();
  synack::ui::platform_pump_events(w.platform);
  if (synack::ui::cjk_font_between_frames(w.app)) synack::ui::gl_renderer_upload_font(w.platform.renderer);
  synack::ui::platform_begin_frame();
  const double t1 = emscripten_get_now();
  synack::ui::frame(w.app, ImGui::GetIO().DeltaTime);
  const double t2 = emscripten_get_now();
  synack::ui::platform_end_frame(w.platform);
  if (w.app.ladder_png_wanted) {
    // The ladder as drawn: cropped from the canvas while this frame's pixels are there.
    w.app.ladder_png_wanted = false;
    const float* r = w.app.ladder_rect;
    const float k = ImGui::GetIO().DisplayFramebufferScale.x;
    const std::string name = synack::ui::export_stem(w.app) + "-ladder.png";
    w.app.status = synack::ui::offer_canvas_part(name, r[0] * k, r[1] * k, r[2] * k, r[3] * k);
  }
  // CPU time of this frame: all of it (events, layout, WebGL calls), and synack's own
  // part (the frame function). The last 4096 frames, for the smoke test's figures.
  EM_ASM({
    const s = window.synack = window.synack || {};
    s.frameMs = s.frameMs || [];
    s.appMs = s.appMs || [];
    s.frames = $2;
    s.frameMs.push($0);
    s.appMs.push($1);
    if (s.frameMs.length > 4096) { s.frameMs.shift(); s.appMs.shift(); }
  }, emscripten_get_now() - t0, t2 - t1, w.app.frame_count);
  follow_hash(w);
  publish_view(w);
  post_to_parent(w);
  if (w.app.frame_count == 1) {
    EM_ASM({
      window.synack = window.synack || {};
      window.synack.firstFrameMs = performance.now();
    });
  }
}

WebApp* the_app = nullptr;  // for the page's calls into the app (a file the user opened)

}  // namespace

// The page hands over a lesson file (tests open one this way).
extern "C" EMSCRIPTEN_KEEPALIVE void synack_open_lesson_text(const char* name, const char* text) {
  if (the_app) synack::ui::open_lesson_text(the_app->app, name ? name : "lesson.toml", text ? text : "");
}

// The files the user picked or dropped together, one call each (see index.html), then
// synack_open_files: the lesson among them opens with the others beside it.
extern "C" EMSCRIPTEN_KEEPALIVE void synack_add_file(const char* name, const char* text) {
  if (the_app) the_app->opened.push_back({name ? name : "lesson.toml", text ? text : ""});
}
extern "C" EMSCRIPTEN_KEEPALIVE void synack_open_files() {
  if (!the_app || the_app->opened.empty()) return;
  synack::ui::open_lesson_files(the_app->app, std::move(the_app->opened));
  the_app->opened.clear();
}

// A capture file (index.html tells one by its magic number): the page asks for room for
// its bytes, copies them in and opens it. Beyond the size limit nothing is allocated (0),
// and synack_open_capture says why.
extern "C" EMSCRIPTEN_KEEPALIVE uint8_t* synack_capture_buffer(double size) {
  if (!the_app) return nullptr;
  the_app->capture_upload.clear();
  the_app->capture_upload.shrink_to_fit();
  the_app->capture_refused_size = 0;
  if (size > static_cast<double>(synack::wire::kMaxCaptureBytes)) {
    the_app->capture_refused_size = static_cast<uint64_t>(size);
    return nullptr;
  }
  the_app->capture_upload.resize(static_cast<size_t>(size));
  return the_app->capture_upload.data();
}
extern "C" EMSCRIPTEN_KEEPALIVE int synack_open_capture(const char* name) {
  if (!the_app) return 0;
  const std::string file = name ? name : "capture";
  if (const uint64_t size = the_app->capture_refused_size) {
    const uint64_t max = synack::wire::kMaxCaptureBytes;
    the_app->app.file_warning.clear();
    the_app->app.file_error = file + ": at byte " + std::to_string(max) + ": file has " + std::to_string(size) +
                              " bytes, at most " + std::to_string(max) + " (" + std::to_string(max >> 20) +
                              " MiB) are read";
    the_app->capture_refused_size = 0;
    return 0;
  }
  return synack::ui::open_capture_bytes(the_app->app, file, std::move(the_app->capture_upload)) ? 1 : 0;
}

// The URL hash changed in an open tab (typed, pasted, a link followed): open it.
extern "C" EMSCRIPTEN_KEEPALIVE void synack_open_link(const char* hash) {
  if (the_app) open_link(*the_app, hash ? hash : "");
}

// A control of the lesson, by the name window.synack.ui.items gives it, from the page's
// accessible copy of the panel (ui_actions.hpp); 1 when it was done.
extern "C" EMSCRIPTEN_KEEPALIVE int synack_act(const char* action) {
  return the_app && synack::ui::perform_action(the_app->app, action ? action : "") ? 1 : 0;
}

int main() {
  static WebApp web;  // lives for the page's lifetime; the main loop never returns
  the_app = &web;
  std::string error;
  if (!synack::ui::platform_init(web.platform, "synack", 1280, 720, &error)) {
    // Most often WebGL2 could not be created: say so in the page, with what to try.
    std::fprintf(stderr, "synack: %s\n", error.c_str());
    EM_ASM({ if (window.synackStartupFailed) window.synackStartupFailed(UTF8ToString($0)); }, error.c_str());
    return 1;
  }
  // The URL hash opens a lesson step (#lesson=01-handshake&step=3) or a scenario at a
  // moment (#scenario=handshake&t=12.5, in ms).
  char hash[256] = {0};
  EM_ASM({
    let h = "";
    try { h = decodeURIComponent(location.hash.substring(1)); } catch (e) {}  // a mangled link opens the start
    stringToUTF8(h, $0, $1);
  }, hash, sizeof hash);
  // The language: the link's, else the one chosen last, else the browser's.
  char locale[64] = {0};
  EM_ASM({ stringToUTF8(String(navigator.language || ""), $0, $1); }, locale, sizeof locale);
  const synack::ui::LinkState first = synack::ui::parse_link(hash);
  synack::ui::choose_first_language(web.app, synack::ui::parse_lang(first.lang), locale);
  // A link to something that does not exist falls back to the course's start.
  open_link(web, hash);
  EM_ASM({
    window.addEventListener("hashchange", function () {
      let h = "";
      try { h = decodeURIComponent(location.hash.substring(1)); } catch (e) {}
      Module.ccall("synack_open_link", null, ["string"], [h]);
    });
  });
  emscripten_set_main_loop_arg(loop, &web, 0, true);
  return 0;
}
