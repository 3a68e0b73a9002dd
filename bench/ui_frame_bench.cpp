// Frame CPU time of the whole UI without a window: ImGui runs headless (a font atlas, no
// GPU), the frame function lays out and records draw lists exactly as on screen. A big
// trace (bulk-transfer: over 10,000 events) at several playheads, and a lesson.
#include <benchmark/benchmark.h>
#include <imgui.h>

#include "app.hpp"

namespace {

struct Headless {
  Headless() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 720);
    io.DisplayFramebufferScale = ImVec2(1, 1);
    synack::ui::setup_fonts_and_style(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // what a renderer would upload
  }
  ~Headless() { ImGui::DestroyContext(); }
  void frame(synack::ui::App& app) {
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    synack::ui::frame(app, 1.0f / 60.0f);
    ImGui::Render();
    benchmark::DoNotOptimize(ImGui::GetDrawData()->TotalVtxCount);
  }
};

void BM_FrameBigTrace(benchmark::State& state) {
  Headless h;
  synack::ui::App app;
  synack::ui::open_scenario(app, "bulk-transfer", 0);
  const int64_t t = app.timeline.end_ns * state.range(0) / 100;
  app.play.t = t;
  for (int i = 0; i < 3; ++i) h.frame(app);  // settle layout
  for (auto _ : state) {
    app.play.t = t;
    h.frame(app);
  }
  state.counters["events"] = static_cast<double>(app.world->trace().events().size());
  state.counters["vertices"] = ImGui::GetDrawData()->TotalVtxCount;
}
BENCHMARK(BM_FrameBigTrace)->Arg(10)->Arg(50)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_FrameBigTracePlaying(benchmark::State& state) {
  Headless h;
  synack::ui::App app;
  synack::ui::open_scenario(app, "bulk-transfer", 0);
  app.play.speed_index = 6;  // 1x
  for (auto _ : state) {
    if (app.play.t >= app.timeline.end_ns) app.play.t = 0;
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

}  // namespace

BENCHMARK_MAIN();
