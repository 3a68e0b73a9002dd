// synack on the desktop: SDL2 + OpenGL around the shared frame function.
// --screenshot PATH --frames N renders N frames, saves the last as PNG and exits
// (used by the desktop smoke test under Xvfb).
#include <algorithm>
#include <SDL.h>
#include <SDL_opengl.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app.hpp"
#include "build_info.hpp"
#include "file_export.hpp"
#include "ladder_svg.hpp"
#include "platform.hpp"
#include "screenshot.hpp"

namespace {

// With no display to draw on (a shell over SSH, a container), SDL falls through its video
// drivers and can wait forever on one that never answers; say what is missing instead.
// SDL_VIDEODRIVER set by hand (e.g. offscreen, kmsdrm) is the user's choice and is kept.
std::string missing_display() {
  const auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v && *v;
  };
  if (set("DISPLAY") || set("WAYLAND_DISPLAY") || set("SDL_VIDEODRIVER")) return "";
  return "no display to open a window on: DISPLAY and WAYLAND_DISPLAY are unset (a shell over SSH?).\n"
         "  Run it in a desktop session (or ssh -X / under Xvfb), or use the browser app instead:\n"
         "  scripts/serve.sh, then open the address it prints.";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"synack desktop: watch TCP open and close, one segment at a time"};
  std::string screenshot_path;
  int frames = 0;
  int width = 1280, height = 720;
  cli.add_option("--screenshot", screenshot_path, "render --frames frames, save the last as PNG, exit");
  std::string ladder_svg_path;
  cli.add_option("--ladder-svg", ladder_svg_path,
                 "after --frames frames, write the whole run's ladder as SVG (for slides), exit");
  cli.add_option("--frames", frames, "frames to render before the screenshot (the last given counts)")
      ->check(CLI::PositiveNumber)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  cli.add_option("--width", width, "window width")->check(CLI::Range(320, 8192));
  cli.add_option("--height", height, "window height")->check(CLI::Range(240, 8192));
  std::string scenario;
  double at_ms = 0;
  cli.add_option("--scenario", scenario, "open this scenario (a file stem of scenarios/, e.g. handshake)");
  cli.add_option("--time", at_ms, "put the playhead here, in simulated milliseconds");
  std::string profile;
  cli.add_option("--profile", profile, "switch the run opened to this TCP profile (a branch), as #...&profile= does")
      ->check(CLI::IsMember({"rfc", "linux"}));
  std::string lesson;
  int step = 1;
  cli.add_option("--lesson", lesson, "open this lesson (a file stem of lessons/, e.g. 01-handshake)");
  cli.add_option("--step", step, "at this step of the lesson (1 is the first)")->check(CLI::PositiveNumber);
  double dt_ms = 0;
  cli.add_option("--dt-ms", dt_ms, "pretend each frame took this long (repeatable screenshots of playback)")
      ->check(CLI::Range(0.0, 1000.0));
  std::vector<std::string> lesson_files;
  cli.add_option("--lesson-file", lesson_files, "open your own lesson file(s) (TOML), no rebuild needed");
  std::string capture_file;
  cli.add_option("--capture", capture_file, "open a capture file (pcap, pcapng): its first complete TCP connection plays");
  std::string lang;
  cli.add_option("--lang", lang, "the language on screen: zh (中文) or en; default: the one chosen last, else $LANG's")
      ->check(CLI::IsMember({"zh", "en"}));
  std::vector<std::string> keys;
  cli.add_option("--keys", keys, "type these keys after the first frame, one per frame (e.g. n 2: next, answer B)");
  cli.set_version_flag("--version", std::string("synack ") + synack::version() + " (" + synack::build_hash() + ")");
  CLI11_PARSE(cli, argc, argv);
  if ((!screenshot_path.empty() || !ladder_svg_path.empty()) && frames == 0) frames = 10;

  if (const std::string why = missing_display(); !why.empty()) {
    std::fprintf(stderr, "synack: %s\n", why.c_str());
    return 1;
  }
  synack::ui::Platform platform;
  std::string error;
  if (!synack::ui::platform_init(platform, "synack", width, height, &error)) {
    std::fprintf(stderr, "synack: %s\n", error.c_str());
    return 1;
  }
  synack::ui::App app;
  // The Chinese font: beside the app (the build folder), else in its install's share/synack.
  if (char* base = SDL_GetBasePath()) {
    app.cjk.files = {std::string(base) + "cjk_font.ttf", std::string(base) + "../share/synack/cjk_font.ttf"};
    SDL_free(base);
  }
  const char* locale = std::getenv("LC_ALL");
  if (!locale || !*locale) locale = std::getenv("LANG");
  synack::ui::choose_first_language(app, lang.empty() ? std::nullopt : synack::ui::parse_lang(lang), locale ? locale : "");
  if (!scenario.empty() && !synack::ui::open_scenario(app, scenario, static_cast<int64_t>(at_ms * 1e6))) {
    std::fprintf(stderr, "synack: no scenario named '%s'\n", scenario.c_str());
    synack::ui::platform_shutdown(platform);
    return 2;
  }
  for (const std::string& f : lesson_files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    // A broken file is shown in the app with its line and what was expected.
    if (!in) app.file_error = f + ": cannot open this file";
    else synack::ui::open_lesson_text(app, f, buf.str());
    // The terminal hears what the dialog says, line for line as `synack lesson` prints it.
    for (const std::string* text : {&app.file_error, &app.file_warning})
      for (size_t at = 0; at < text->size();) {
        const size_t end = std::min(text->find('\n', at), text->size());
        std::fprintf(stderr, "synack: %s\n", text->substr(at, end - at).c_str());
        at = end + 1;
      }
  }
  if (!capture_file.empty()) {
    std::ifstream in(capture_file, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string bytes = buf.str();
    // A refused file is shown in the app (and said here) with the byte offset; it keeps running.
    if (!in) app.file_error = capture_file + ": cannot open this file";
    else synack::ui::open_capture_bytes(app, capture_file, std::vector<uint8_t>(bytes.begin(), bytes.end()));
    if (!app.file_error.empty()) std::fprintf(stderr, "synack: %s\n", app.file_error.c_str());
  }
  if (!lesson.empty() && !synack::ui::open_lesson(app, lesson, step - 1)) {
    std::fprintf(stderr, "synack: no lesson named '%s'%s\n", lesson.c_str(),
                 app.file_error.empty() ? "" : " (its file was refused: see above)");
    synack::ui::platform_shutdown(platform);
    return 2;
  }
  if (!profile.empty())
    synack::ui::switch_profile(app, profile == "linux" ? synack::tcp::Profile::Linux : synack::tcp::Profile::Rfc);
  int rendered = 0;
  int exit_code = 0;
  while (!platform.quit) {
    synack::ui::platform_pump_events(platform);
    if (synack::ui::cjk_font_between_frames(app)) synack::ui::gl_renderer_upload_font(platform.renderer);
    // Scripted typing for smoke tests: one key per frame after the first, as a person would.
    if (rendered >= 1 && static_cast<size_t>(rendered - 1) < keys.size())
      for (char c : keys[static_cast<size_t>(rendered - 1)]) ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(c));
    synack::ui::platform_begin_frame();
    synack::ui::frame(app, dt_ms > 0 ? static_cast<float>(dt_ms / 1000.0) : ImGui::GetIO().DeltaTime);
    synack::ui::platform_end_frame(platform);
    if (app.ladder_png_wanted) {
      // The ladder as drawn, read back before the swap.
      app.ladder_png_wanted = false;
      int fw = 0, fh = 0;
      synack::ui::platform_drawable_size(platform, &fw, &fh);
      const float k = ImGui::GetIO().DisplayFramebufferScale.x;
      const float* r = app.ladder_rect;
      const int x = static_cast<int>(r[0] * k), y = static_cast<int>(r[1] * k);
      const int w = std::min(fw - x, static_cast<int>(r[2] * k)), h = std::min(fh - y, static_cast<int>(r[3] * k));
      if (w > 0 && h > 0)
        app.status = synack::ui::offer_file(synack::ui::export_stem(app) + "-ladder.png",
                                            synack::ui::framebuffer_png(x, y, w, h, fh));
    }
    ++rendered;
    if (!ladder_svg_path.empty() && rendered >= frames) {
      synack::ui::LadderSvgOptions o;
      o.relative = app.relative_seq;
      o.title = app.branch.name;
      const std::string svg = synack::ui::ladder_svg(app.run.timeline, o).svg;
      std::ofstream out(ladder_svg_path, std::ios::binary);
      out << svg;
      if (!out) {
        std::fprintf(stderr, "synack: could not write %s\n", ladder_svg_path.c_str());
        exit_code = 1;
      } else {
        std::printf("synack: wrote the ladder (%zu bytes) to %s\n", svg.size(), ladder_svg_path.c_str());
      }
      platform.quit = true;
    }
    if (!screenshot_path.empty() && rendered >= frames) {
      int w = 0, h = 0;
      synack::ui::platform_drawable_size(platform, &w, &h);
      if (!synack::ui::save_framebuffer_png(screenshot_path, w, h, &error)) {
        std::fprintf(stderr, "synack: %s\n", error.c_str());
        exit_code = 1;
      } else {
        std::printf("synack: saved %dx%d screenshot to %s after %d frames\n", w, h, screenshot_path.c_str(),
                    rendered);
      }
      platform.quit = true;
    }
    SDL_GL_SwapWindow(platform.window);
  }
  synack::ui::platform_shutdown(platform);
  return exit_code;
}
