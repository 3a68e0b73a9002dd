#include "connections_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "sim/time_text.hpp"
#include "strings.hpp"
#include "style.hpp"

namespace synack::ui {

void draw_connections(const Connections& c, size_t generation, ConnectionsView& v, int64_t t, int default_host,
                      UiView& view) {
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
    // Rows of another run or host are not the same sockets, whatever their addresses.
    if (v.rows_host != host || v.rows_of != &c || v.rows_generation != generation) v.rows.clear();
    // While a run plays the playhead moves every frame: the 10,000 rows are taken at
    // it in place, and sorted only when their order changed.
    if (update_rows_at(c, static_cast<size_t>(host), t, v.rows, v.rows_t) || !rows_sorted(v.rows, v.column, v.descending))
      sort_rows(v.rows, v.column, v.descending);
    v.rows_t = t;
    v.rows_host = host;
    v.rows_of = &c;
    v.rows_generation = generation;
  };
  if (v.rows_t != t || v.rows_host != host || v.rows_of != &c || v.rows_generation != generation) refresh();
  ImGui::SameLine();
  const std::string when = sim::seconds_text(t, {.decimals = 6});
  ImGui::TextDisabled(tr(Str::ConnCountFmt), trn(Str::ConnSocketOne, Str::ConnSocketsFmt, static_cast<long long>(v.rows.size())).c_str(), when.c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(Str::ConnHelp));

  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("conns", 6, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  // The columns of ss -tan, in its order (ConnColumn). State and the queues are as wide as
  // their longest text and their header with its sort arrow (ImGui's TableHeader reserves
  // the arrow's room in every sortable column), so a narrow panel cuts neither; the
  // addresses and the timer share the rest.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float arrow = std::floor(ImGui::GetFontSize() * 0.65f + style.FramePadding.x);
  const auto fixed = [&](Str header, const char* widest) {
    return std::max(ImGui::CalcTextSize(tr(header)).x + arrow, ImGui::CalcTextSize(widest).x) + style.ItemInnerSpacing.x;
  };
  ImGui::TableSetupColumn(tr(Str::ConnState), ImGuiTableColumnFlags_WidthFixed, fixed(Str::ConnState, "SYN-RECEIVED"));
  ImGui::TableSetupColumn(tr(Str::ConnRecvQ), ImGuiTableColumnFlags_PreferSortDescending | ImGuiTableColumnFlags_WidthFixed,
                          fixed(Str::ConnRecvQ, "000000"));
  ImGui::TableSetupColumn(tr(Str::ConnSendQ), ImGuiTableColumnFlags_PreferSortDescending | ImGuiTableColumnFlags_WidthFixed,
                          fixed(Str::ConnSendQ, "000000"));
  ImGui::TableSetupColumn(tr(Str::ConnLocal), 0, 1.3f);
  ImGui::TableSetupColumn(tr(Str::ConnRemote), ImGuiTableColumnFlags_DefaultSort, 1.3f);
  ImGui::TableSetupColumn(tr(Str::ConnTimer), 0, 1.2f);
  // The header row by hand, to publish each header (tests click them to sort) and
  // whether its text fits.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  view.conns.shown = true;
  for (int col = 0; col < 6; ++col) {
    if (!ImGui::TableSetColumnIndex(col)) continue;
    const char* name = ImGui::TableGetColumnName(col);
    const float x0 = ImGui::GetCursorScreenPos().x;
    ImGui::TableHeader(name);
    const std::string item = "conn_head" + std::to_string(col + 1);
    note_item(view, item);
    // A header cell reaches past its column's clip rectangle by the cell padding, which
    // note_item would count as cut off; the header row is frozen, so it is in view
    // whenever ImGui says the item is.
    view.items[item].visible = ImGui::IsItemVisible();
    if (x0 + ImGui::CalcTextSize(name).x + arrow > ImGui::GetItemRectMax().x + 0.5f) ++view.conns.headers_cut;
  }
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
  view.conns.rows = static_cast<int>(v.rows.size());
  view.conns.column = static_cast<int>(v.column);
  view.conns.descending = v.descending;
  if (!v.rows.empty()) {
    view.conns.first_state = tcp::to_string(v.rows.front().state);
    view.conns.last_state = tcp::to_string(v.rows.back().state);
  }
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(v.rows.size()));
  while (clip.Step()) {
    view.conns.drawn += clip.DisplayEnd - clip.DisplayStart;
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
      ImGui::TextUnformatted(timer_text(r, t).c_str());
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
