#pragma once
// The frame function without a window: a Dear ImGui context with synack's font and
// style at 1280x720 (the browser tests' page, scale 1), whose frames are laid out and
// rendered into draw lists; nothing reaches a GPU. The tests of what the app shows, and
// the frame benchmark, drive the app through it.
#include <imgui.h>

#include "app.hpp"

namespace synack::testing {

struct HeadlessGui {
  HeadlessGui() {
    ImGui::CreateContext();
    ui::setup_fonts_and_style(1.0f);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 720);
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = 1.0f / 60;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // the atlas a renderer would upload
  }
  ~HeadlessGui() { ImGui::DestroyContext(); }
  HeadlessGui(const HeadlessGui&) = delete;
  HeadlessGui& operator=(const HeadlessGui&) = delete;

  // One frame, 1/60 s of real time for ImGui; `dt` is the app's (0: the playhead stays).
  const ImDrawData* frame(ui::App& app, float dt = 0.0f) {
    ImGui::GetIO().DeltaTime = 1.0f / 60;
    ImGui::NewFrame();
    ui::frame(app, dt);
    ImGui::Render();
    return ImGui::GetDrawData();
  }
};

}  // namespace synack::testing
