#include "connections_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "strings.hpp"
#include "style.hpp"

namespace synack::ui {

void draw_connections(const Connections& c, size_t generation, ConnectionsView& v, int64_t t, int default_host) {
  if (c.hosts.empty()) return;
  int host = v.host >= 0 && v.host < static_cast<int>(c.hosts.size()) ? v.host : default_host;
  host = std::clamp(host, 0, static_cast<int>(c.hosts.size()) - 1);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::BeginCombo(tr(Str::ConnHost), c.hosts[static_cast<size_t>(host)].name.c_str())) {
    ImGuiListClipper clip;  // a group of hosts can be thousands long
    clip.Begin(static_cast<int>(c.hosts.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i)
        if (ImGui::Selectable(c.hosts[static_cast<size_t>(i)].name.c_str(), i == host)) v.host = host = i;
    ImGui::EndCombo();
  }
  auto refresh = [&] {
    v.rows = rows_at(c, static_cast<size_t>(host), t);
    sort_rows(v.rows, v.column, v.descending);
    v.rows_t = t;
    v.rows_host = host;
    v.rows_of = &c;
    v.rows_generation = generation;
  };
  if (v.rows_t != t || v.rows_host != host || v.rows_of != &c || v.rows_generation != generation) refresh();
  ImGui::SameLine();
  char when[32];
  std::snprintf(when, sizeof when, "%.6f s", static_cast<double>(t) / 1e9);
  ImGui::TextDisabled(tr(Str::ConnCountFmt), static_cast<int>(v.rows.size()), when);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(Str::ConnHelp));

  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("conns", 6, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  // The columns of ss -tan, in its order (ConnColumn).
  ImGui::TableSetupColumn(tr(Str::ConnState), 0, 1.1f);
  ImGui::TableSetupColumn(tr(Str::ConnRecvQ), ImGuiTableColumnFlags_PreferSortDescending, 0.6f);
  ImGui::TableSetupColumn(tr(Str::ConnSendQ), ImGuiTableColumnFlags_PreferSortDescending, 0.6f);
  ImGui::TableSetupColumn(tr(Str::ConnLocal), 0, 1.3f);
  ImGui::TableSetupColumn(tr(Str::ConnRemote), ImGuiTableColumnFlags_DefaultSort, 1.3f);
  ImGui::TableSetupColumn(tr(Str::ConnTimer), 0, 1.2f);
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
    const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
    const auto column = static_cast<ConnColumn>(s.ColumnIndex);
    const bool descending = s.SortDirection == ImGuiSortDirection_Descending;
    const bool changed = column != v.column || descending != v.descending;
    v.column = column;
    v.descending = descending;
    specs->SpecsDirty = false;
    if (changed) sort_rows(v.rows, v.column, v.descending);
  }
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(v.rows.size()));
  while (clip.Step()) {
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const ConnRow& r = v.rows[static_cast<size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(tcp::to_string(r.state));
      ImGui::TableSetColumnIndex(1);
      ImGui::Text("%u", r.recv_q);
      ImGui::TableSetColumnIndex(2);
      ImGui::Text("%u", r.send_q);
      ImGui::TableSetColumnIndex(3);
      ImGui::TextUnformatted(local_text(*r.conn).c_str());
      ImGui::TableSetColumnIndex(4);
      ImGui::TextUnformatted(remote_text(*r.conn).c_str());
      ImGui::TableSetColumnIndex(5);
      ImGui::TextUnformatted(timer_text(r).c_str());
    }
  }
  if (v.rows.empty()) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%s", tr(Str::ConnNone));
  }
  ImGui::EndTable();
}

}  // namespace synack::ui
