#include "cost_meter_view.hpp"

#include <imgui.h>

#include <cstdio>

#include "strings.hpp"
#include "style.hpp"

namespace synack::ui {

std::string cost_run_text(const Cost& run) {
  return trf(Str::CostRunFmt, trn(Str::SegmentOne, Str::SegmentsFmt, run.segments).c_str(), kilobytes(run.bytes).c_str(),
             kilobytes(run.data_bytes).c_str(), run.round_trips(), static_cast<long long>(run.opened));
}

std::string cost_host_text(const std::string& host, const Cost& c) {
  return trf(Str::CostHostFmt, host.c_str(), trn(Str::SegmentOne, Str::SegmentsFmt, c.segments).c_str(),
             kilobytes(c.bytes).c_str(), static_cast<long long>(c.opened), static_cast<long long>(c.accepted));
}

void draw_cost_meter(const CostMeter& m, int64_t t, size_t left_host, size_t right_host) {
  const Cost run = cost_at(m, t);
  ImGui::BeginGroup();
  ImGui::TextUnformatted(cost_run_text(run).c_str());
  // Each drawn host's share, short: one line is all the room between scene and ladder,
  // so a share that would run past the panel's edge is left to the tooltip.
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
  const float gap = ImGui::GetFontSize() * 1.2f;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  for (size_t h : {left_host, right_host}) {
    if (h >= m.host_names.size()) continue;
    char share[128];
    std::snprintf(share, sizeof share, tr(Str::CostHostShortFmt), m.host_names[h].c_str(),
                  static_cast<long long>(host_cost_at(m, h, t).segments));
    if (ImGui::GetItemRectMax().x + gap + ImGui::CalcTextSize(share).x > right) break;
    ImGui::SameLine(0, gap);
    ImGui::TextUnformatted(share);
  }
  ImGui::PopStyleColor();
  ImGui::EndGroup();
  if (!ImGui::IsItemHovered()) return;
  // The details on hover: every drawn host's totals, and what a round trip means here.
  ImGui::BeginTooltip();
  for (size_t h : {left_host, right_host}) {
    if (h >= m.host_names.size()) continue;
    const Cost c = host_cost_at(m, h, t);
    ImGui::TextUnformatted(cost_host_text(m.host_names[h], c).c_str());
  }
  ImGui::Separator();
  ImGui::TextUnformatted(tr(Str::CostTripsHelp));
  ImGui::EndTooltip();
}

}  // namespace synack::ui
