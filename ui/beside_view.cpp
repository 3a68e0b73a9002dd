#include "beside_view.hpp"

#include <imgui.h>

#include <algorithm>

#include "ladder_view.hpp"
#include "strings.hpp"
#include "style.hpp"

namespace synack::ui {

namespace {

LadderMarks marks_for(const RunPair& p, int run, const LadderLayout& lay) {
  LadderMarks m;
  const std::vector<int>& of = run == 0 ? p.diff.pair_of_a : p.diff.pair_of_b;
  m.segment.reserve(of.size());
  for (const int k : of) {
    const SegmentPair& pr = p.diff.pairs[static_cast<size_t>(k)];
    m.segment.push_back(pr.only() ? LadderMarks::kOnlyHere : pr.differs);
  }
  const auto y = [&](int64_t t) { return lay.top + ladder_row(p.rows, t) * lay.row_h; };
  for (const StateDiff& s : p.diff.states) m.states.push_back(LadderMarks::Span{s.side, y(s.from), y(s.to)});
  return m;
}

// `text` cut to `w` points with an ellipsis (the whole of it in a tooltip).
std::string fit(const std::string& text, float w) {
  if (ImGui::CalcTextSize(text.c_str()).x <= w) return text;
  std::string s = text;
  while (!s.empty() && ImGui::CalcTextSize((s + "...").c_str()).x > w) s.pop_back();
  return s + "...";
}

// One half's header: the run's name (a counterfactual's badge after it, in red) and each
// host's state at the playhead, lit where the other run's differs.
void run_header(ImDrawList* dl, ImVec2 at, float half, const SimulatedRun& run, const SimulatedRun& other, int64_t t, bool other_side) {
  const float line = ImGui::GetTextLineHeight();
  const char* badge = tr(Str::NotRealTcp);
  const float badge_w = run.counterfactual ? ImGui::CalcTextSize(badge).x + line * 0.8f : 0.0f;
  const std::string title = fit(run.label, half - badge_w - line * 0.4f);
  dl->AddText(at, palette::kText, title.c_str());
  const float title_w = ImGui::CalcTextSize(title.c_str()).x;
  if (run.counterfactual) {
    const ImVec2 a(at.x + title_w + line * 0.4f, at.y - 1), b(a.x + badge_w, at.y + line + 1);
    dl->AddRectFilled(a, b, palette::kWarningFill, 3.0f);
    dl->AddText(ImVec2(a.x + line * 0.4f, at.y), palette::kText, badge);
  }
  if (ImGui::IsMouseHoveringRect(at, ImVec2(at.x + half, at.y + line))) {
    std::string tip = run.label;
    if (other_side) tip += std::string("\n") + tr(Str::BesideOtherRun);
    ImGui::SetTooltip("%s", tip.c_str());
  }
  float x = at.x;
  const float y = at.y + line * 1.25f;
  for (int side = 0; side < 2; ++side) {
    const std::string& name = side == 0 ? run.timeline.left_name : run.timeline.right_name;
    const std::string state = card_state(run.timeline, side, t);
    const bool differs = state != card_state(other.timeline, side, t);
    const std::string name_sp = name + " ";
    const float name_w = ImGui::CalcTextSize(name_sp.c_str()).x, state_w = ImGui::CalcTextSize(state.c_str()).x;
    if (x + name_w + state_w > at.x + half) break;  // no room: the ladder's labels say it too
    dl->AddText(ImVec2(x, y), palette::kTextDim, name_sp.c_str());
    dl->AddText(ImVec2(x + name_w, y), differs ? palette::kDiff : palette::kText, state.c_str());
    x += name_w + state_w + line;
  }
}

}  // namespace

int draw_beside_tab(const std::optional<RunPair>& pair, const Display& d, BesideView& b, TabChoice& tabs, UiView& view) {
  if (!pair) return -1;
  const bool open = ImGui::BeginTabItem(tr(Str::SideBySide), nullptr, tabs.flags(3));
  note_item(view, "tab_beside");
  if (!open) return -1;
  tabs.showing(3);
  const RunPair& p = *pair;
  const int64_t t = d.t;

  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
  ImGui::TextWrapped("%s", trf(Str::BesideLegendFmt, p.diff.only_a + p.diff.only_b, p.diff.changed).c_str());
  ImGui::PopStyleColor();

  // The ladders' child always keeps room for its scrollbar, so that the headers' halves
  // are the ladders' halves.
  const float line = ImGui::GetTextLineHeight();
  const float width = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
  const float half = std::max(1.0f, (width - line) * 0.5f);
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  run_header(dl, o, half, p.a, p.b, t, false);
  run_header(dl, ImVec2(o.x + half + line, o.y), half, p.b, p.a, t, true);
  ImGui::Dummy(ImVec2(width, line * 2.4f));

  int clicked = -1;
  ImGui::BeginChild("beside", ImVec2(0, 0), false, kInnerChild | ImGuiWindowFlags_AlwaysVerticalScrollbar);
  ImDrawList* cdl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  b.layout = layout_beside(p, t, d.selected, d.relative_seq,
                           ladder_geometry(w, cdl->GetClipRectMin().y - origin.y, cdl->GetClipRectMax().y - origin.y));
  const BesideLayout& lay = b.layout;
  // Between the halves: a thin rule, so that the two runs read as two.
  const float mid = origin.x + lay.half + (lay.right_x - lay.half) * 0.5f;
  cdl->AddLine(ImVec2(mid, origin.y), ImVec2(mid, origin.y + lay.total_h), palette::kStateFill, 1.0f);
  const LadderMarks ma = marks_for(p, 0, lay.left), mb = marks_for(p, 1, lay.right);
  const int ca = draw_ladder_layout(p.a.timeline, lay.left, origin, d.selected, d.relative_seq, &ma);
  const int cb = draw_ladder_layout(p.b.timeline, lay.right, ImVec2(origin.x + lay.right_x, origin.y),
                                    counterpart(p, 0, d.selected), d.relative_seq, &mb);
  // A segment of the other run is inspected through its counterpart in the lesson's run.
  clicked = ca >= 0 ? ca : cb >= 0 ? counterpart(p, 1, cb) : -1;
  ImGui::Dummy(ImVec2(w, lay.total_h));
  // The ladders follow the playhead when it moves, and when they come on screen (for two
  // frames: a child's first frame has no scroll range yet); else the learner may scroll.
  if (b.drawn_frame < d.frame - 1) b.follow = 2;
  b.drawn_frame = d.frame;
  if (d.playhead_moved || b.follow > 0) {
    ImGui::SetScrollY(std::max(0.0f, lay.left.y_now - ImGui::GetWindowHeight() * 0.6f));
    --b.follow;
  }
  ImGui::EndChild();
  note_item(view, "beside");

  UiView::Beside& v = view.beside;
  v.shown = true;
  v.left = p.a.label;
  v.right = p.b.label;
  v.left_not_real = p.a.counterfactual;
  v.right_not_real = p.b.counterfactual;
  v.only_left = p.diff.only_a;
  v.only_right = p.diff.only_b;
  v.segments_left = static_cast<int>(p.a.timeline.segments.size());
  v.segments_right = static_cast<int>(p.b.timeline.segments.size());
  v.differ = p.diff.changed;
  v.state_diffs = static_cast<int>(p.diff.states.size());
  v.labels = static_cast<int>(lay.left.labels.size() + lay.right.labels.size());
  v.overlaps = beside_overlaps(lay);
  v.outside = beside_outside(lay);
  ImGui::EndTabItem();
  return clicked;
}

}  // namespace synack::ui
