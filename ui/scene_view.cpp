#include "scene_view.hpp"

#include <algorithm>

#include "strings.hpp"
#include "style.hpp"

namespace synack::ui {

SceneModel SceneModel::empty_two_hosts() {
  SceneModel m;
  m.left = HostCard{tr(Str::Client), "10.0.0.1", tr(Str::StateClosed), 0, 8};
  m.right = HostCard{tr(Str::Server), "10.0.0.2", tr(Str::StateClosed), 0, 8};
  return m;
}

namespace {

// Draws one host card inside [min, max]; returns the point where its NIC meets the cable.
ImVec2 draw_host(ImDrawList* dl, const HostCard& host, ImVec2 min, ImVec2 max, bool cable_on_right) {
  const float line = ImGui::GetTextLineHeight();
  dl->AddRectFilled(min, max, palette::kHostFill, 8.0f);
  dl->AddRect(min, max, palette::kHostEdge, 8.0f, 0, 2.0f);
  const float pad = line * 0.6f;
  dl->AddText(ImVec2(min.x + pad, min.y + pad), palette::kText, host.role.c_str());
  dl->AddText(ImVec2(min.x + pad, min.y + pad + line * 1.1f), palette::kTextDim, host.address.c_str());

  // The TCP state, large: the one thing a student must see from the back of the room.
  ImFont* font = ImGui::GetFont();
  const float big = ImGui::GetFontSize() * 2.0f;
  const ImVec2 text_size = font->CalcTextSizeA(big, FLT_MAX, 0.0f, host.state.c_str());
  const ImVec2 box_min(min.x + pad, min.y + pad + line * 2.6f);
  const ImVec2 box_max(max.x - pad, box_min.y + text_size.y + line * 0.8f);
  dl->AddRectFilled(box_min, box_max, palette::kStateFill, 6.0f);
  dl->AddText(font, big,
              ImVec2((box_min.x + box_max.x - text_size.x) * 0.5f, (box_min.y + box_max.y - text_size.y) * 0.5f),
              palette::kText, host.state.c_str());

  // NIC with its receive ring: one cell per descriptor, filled cells in use.
  const ImVec2 nic_min(min.x + pad, box_max.y + line * 0.8f);
  const ImVec2 nic_max(max.x - pad, nic_min.y + line * 2.4f);
  dl->AddRect(nic_min, nic_max, palette::kHostEdge, 4.0f);
  dl->AddText(ImVec2(nic_min.x + pad * 0.5f, nic_min.y + line * 0.2f), palette::kTextDim, tr(Str::Nic));
  const char* ring = tr(Str::RxRing);
  dl->AddText(ImVec2(nic_min.x + pad * 0.5f, nic_min.y + line * 1.2f), palette::kTextDim, ring);
  const float cells_x = nic_min.x + pad + ImGui::CalcTextSize(ring).x + pad * 0.5f;
  const int n = std::max(1, host.rx_ring_size);
  const float cell_w = std::max(2.0f, (nic_max.x - pad * 0.5f - cells_x) / static_cast<float>(n));
  for (int i = 0; i < n; ++i) {
    const ImVec2 a(cells_x + cell_w * static_cast<float>(i) + 1, nic_min.y + line * 1.25f);
    const ImVec2 b(a.x + cell_w - 2, a.y + line * 0.9f);
    dl->AddRectFilled(a, b, i < host.rx_ring_used ? palette::kAck : palette::kRingEmpty, 2.0f);
  }
  const float cable_y = (nic_min.y + nic_max.y) * 0.5f;
  return cable_on_right ? ImVec2(nic_max.x, cable_y) : ImVec2(nic_min.x, cable_y);
}

}  // namespace

void draw_scene(const SceneModel& model) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float card_w = std::min(avail.x * 0.3f, ImGui::GetFontSize() * 16.0f);
  const float card_h = std::min(avail.y, ImGui::GetTextLineHeight() * 10.5f);
  const float top = p0.y + (avail.y - card_h) * 0.5f;
  const ImVec2 l_port = draw_host(dl, model.left, ImVec2(p0.x, top), ImVec2(p0.x + card_w, top + card_h), true);
  const ImVec2 r_port = draw_host(dl, model.right, ImVec2(p0.x + avail.x - card_w, top),
                                  ImVec2(p0.x + avail.x, top + card_h), false);
  dl->AddLine(ImVec2(l_port.x + card_w * 0.05f, l_port.y), ImVec2(r_port.x - card_w * 0.05f, r_port.y),
              palette::kCable, 4.0f);
  const char* cable = tr(Str::Cable);
  const ImVec2 cs = ImGui::CalcTextSize(cable);
  dl->AddText(ImVec2((l_port.x + r_port.x - cs.x) * 0.5f, l_port.y + 6.0f), palette::kTextDim, cable);
  ImGui::Dummy(avail);
}

}  // namespace synack::ui
