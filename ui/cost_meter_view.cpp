#include "cost_meter_view.hpp"

#include <imgui.h>

#include "strings.hpp"
#include "style.hpp"

namespace synack::ui {

void draw_cost_meter(const CostMeter& m, int64_t t, size_t left_host, size_t right_host) {
  const Cost run = cost_at(m, t);
  ImGui::BeginGroup();
  ImGui::Text(tr(Str::CostRunFmt), static_cast<long long>(run.segments), kilobytes(run.bytes).c_str(),
              kilobytes(run.data_bytes).c_str(), run.round_trips(), static_cast<long long>(run.opened));
  // Each drawn host's share, short: one line is all the room between scene and ladder.
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
  for (size_t h : {left_host, right_host}) {
    if (h >= m.host_names.size()) continue;
    ImGui::SameLine(0, ImGui::GetFontSize() * 1.2f);
    ImGui::Text(tr(Str::CostHostShortFmt), m.host_names[h].c_str(),
                static_cast<long long>(host_cost_at(m, h, t).segments));
  }
  ImGui::PopStyleColor();
  ImGui::EndGroup();
  if (!ImGui::IsItemHovered()) return;
  // The details on hover: every drawn host's totals, and what a round trip means here.
  ImGui::BeginTooltip();
  for (size_t h : {left_host, right_host}) {
    if (h >= m.host_names.size()) continue;
    const Cost c = host_cost_at(m, h, t);
    ImGui::Text(tr(Str::CostHostFmt), m.host_names[h].c_str(), static_cast<long long>(c.segments),
                kilobytes(c.bytes).c_str(), static_cast<long long>(c.opened), static_cast<long long>(c.accepted));
  }
  ImGui::Separator();
  ImGui::TextUnformatted(tr(Str::CostTripsHelp));
  ImGui::EndTooltip();
}

}  // namespace synack::ui
