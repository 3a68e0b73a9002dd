// Frame CPU time of the whole UI without a window: ImGui runs headless (a font atlas, no
// GPU), the frame function lays out and records draw lists exactly as on screen. A big
// trace (bulk-transfer: over 10,000 events) at several playheads, and a lesson.
#include <benchmark/benchmark.h>
#include <imgui.h>

#include <string>

#include "app.hpp"
#include "../tests/headless_gui.hpp"

namespace {

// One frame of 1/60 s, its draw data kept from the optimiser.
struct Headless {
  synack::testing::HeadlessGui gui;
  void frame(synack::ui::App& app) { benchmark::DoNotOptimize(gui.frame(app, 1.0f / 60.0f)->TotalVtxCount); }
};

void BM_FrameBigTrace(benchmark::State& state) {
  Headless h;
  synack::ui::App app;
  synack::ui::open_scenario(app, "bulk-transfer", 0);
  const int64_t t = app.run.timeline.end_ns * state.range(0) / 100;
  app.play.t = t;
  for (int i = 0; i < 3; ++i) h.frame(app);  // settle layout
  for (auto _ : state) {
    app.play.t = t;
    h.frame(app);
  }
  state.counters["events"] = static_cast<double>(app.run.trace.events().size());
  state.counters["vertices"] = ImGui::GetDrawData()->TotalVtxCount;
}
BENCHMARK(BM_FrameBigTrace)->Arg(10)->Arg(50)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_FrameBigTracePlaying(benchmark::State& state) {
  Headless h;
  synack::ui::App app;
  synack::ui::open_scenario(app, "bulk-transfer", 0);
  app.play.speed_index = 6;  // 1x
  for (auto _ : state) {
    if (app.play.t >= app.run.timeline.end_ns) app.play.t = 0;
    app.play.playing = true;
    h.frame(app);
  }
}
BENCHMARK(BM_FrameBigTracePlaying)->Unit(benchmark::kMillisecond);

void BM_FrameLesson(benchmark::State& state) {
  Headless h;
  synack::ui::App app;
  synack::ui::open_lesson(app, "01-handshake", 1);
  for (auto _ : state) h.frame(app);
}
BENCHMARK(BM_FrameLesson)->Unit(benchmark::kMillisecond);

// The Connections table with 10,000 rows: one client opens 10,000 connections to one
// server (30 us apart, so that no SYN waits for the NIC), then all is quiet. Arg 0: the
// same run with the ladder shown instead (the baseline); 1: the server's table sorted
// by peer (the default); 2: sorted by state; 3: a new playhead every frame, as when the
// run plays, so the 10,001 rows are rebuilt and sorted every frame.
std::string ten_thousand_connections() {
  std::string actions = "{ at = \"0s\", host = \"server\", op = \"listen\", port = 80, backlog = 65535 }";
  for (int i = 0; i < 10000; ++i)
    actions += ", { at = \"" + std::to_string(10000 + i * 30) + "us\", host = \"client\", op = \"connect\", to = \"server\", port = 80 }";
  return "title = \"10,000 connections\"\nteaches = [\"T7\"]\n[scenario]\nname = \"10,000 connections\"\nuntil = \"1s\"\n"
         "host = [{ name = \"client\", ip = \"10.0.0.1\" }, { name = \"server\", ip = \"10.0.0.2\" }]\n"
         "action = [" + actions + "]\n"
         "[[step]]\ntext = \"all connected\"\nstop = { at = \"900ms\" }\nshows = [\"T7\"]\n";
}

void BM_FrameConnectionsTable(benchmark::State& state) {
  Headless h;
  synack::ui::App app;
  if (!synack::ui::open_lesson_text(app, "ten-thousand.toml", ten_thousand_connections())) {
    state.SkipWithError(app.file_error.c_str());
    return;
  }
  if (state.range(0) > 0) app.lower_tabs.ask(2);  // the Connections tab
  const bool playing = state.range(0) == 3;
  if (state.range(0) == 2) app.conns_view.column = synack::ui::ConnColumn::State;
  const int64_t end = app.run.timeline.end_ns;
  app.play.t = end;
  for (int i = 0; i < 3; ++i) h.frame(app);  // settle layout, select the tab
  int64_t step = 0;
  for (auto _ : state) {
    // Playing: a new playhead each frame, so the rows are rebuilt and sorted each frame.
    app.play.t = playing ? end - 1000 * (++step % 2) : end;
    app.play.playing = false;
    h.frame(app);
  }
  state.counters["rows"] = static_cast<double>(app.conns_view.rows.size());
}
BENCHMARK(BM_FrameConnectionsTable)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
