#include "state_diagram_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "capture_open.hpp"
#include "state_diagram.hpp"
#include "strings.hpp"
#include "style.hpp"

namespace synack::ui {

namespace {

ImVec2 add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }
ImVec2 sub(ImVec2 a, ImVec2 b) { return ImVec2(a.x - b.x, a.y - b.y); }
ImVec2 scale(ImVec2 a, float k) { return ImVec2(a.x * k, a.y * k); }

// Where the ray from a box's centre toward `toward` leaves the box.
ImVec2 box_exit(ImVec2 centre, ImVec2 half, ImVec2 toward) {
  const ImVec2 d = sub(toward, centre);
  const float kx = std::abs(d.x) > 1e-3f ? half.x / std::abs(d.x) : 1e9f;
  const float ky = std::abs(d.y) > 1e-3f ? half.y / std::abs(d.y) : 1e9f;
  return add(centre, scale(d, std::min({kx, ky, 1.0f})));
}

void arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour, float thickness) {
  dl->AddLine(a, b, colour, thickness);
  const ImVec2 d = sub(b, a);
  const float len = std::sqrt(d.x * d.x + d.y * d.y);
  if (len < 1) return;
  const ImVec2 u = scale(d, 1.0f / len), n(-u.y, u.x);
  const float s = 4.0f + thickness * 1.5f;
  dl->AddTriangleFilled(b, add(sub(b, scale(u, s * 1.6f)), scale(n, s)), sub(sub(b, scale(u, s * 1.6f)), scale(n, s)), colour);
}

void draw_one(const Timeline& tl, int side, int64_t t, ImVec2 min, ImVec2 max) {
  const StateDiagram& d = rfc9293_diagram();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const std::string& name = side == 0 ? tl.left_name : tl.right_name;
  const StateMark* last = last_change(tl, side, t);
  // The last move and its cause, above the figure where nothing else is drawn.
  dl->AddText(min, palette::kTextDim, name.c_str());
  if (last && !last->from.empty()) {
    const std::string move = last->from + " \u2192 " + last->to;
    const float x = min.x + ImGui::CalcTextSize(name.c_str()).x + line;
    dl->AddText(ImVec2(x, min.y), palette::kHighlight, move.c_str());
    // A capture's state is the tracker's inference, and says so.
    const std::string cause = std::string(last->cause == tcp::Cause::Unknown ? last->cause_text.c_str() : tr(last->cause)) +
                              (last->inferred ? std::string(" (") + capture_word(CaptureWord::InferredShort) + ")" : "");
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(min.x, min.y + line * 1.1f), palette::kText,
                cause.c_str(), nullptr, max.x - min.x);
  }
  const ImVec2 top(min.x, min.y + line * 2.4f);
  const float col_w = (max.x - top.x) / 3.0f, row_h = (max.y - top.y) / 7.0f;
  const ImVec2 half(std::min(col_w * 0.44f, ImGui::CalcTextSize("ESTABLISHED").x * 0.5f + 8), std::min(row_h * 0.36f, line * 0.75f));
  auto at = [&](GridPoint g) { return ImVec2(top.x + (g.col + 0.5f) * col_w, top.y + (g.row + 0.5f) * row_h); };
  auto centre = [&](int i) {
    const DiagramNode& n = d.nodes[static_cast<size_t>(i)];
    return at({n.col, n.row});
  };
  // An arc as drawn: its path with both ends clipped at their boxes; the arrowhead on
  // the last piece. Returns the points, for the dot that travels along it.
  auto draw_arc = [&](int arc, ImU32 colour, float thickness) {
    const std::vector<GridPoint> g = arc_path(d, arc);
    std::vector<ImVec2> p;
    for (const GridPoint& q : g) p.push_back(at(q));
    p.front() = box_exit(p.front(), half, p[1]);
    p.back() = box_exit(p.back(), half, p[p.size() - 2]);
    for (size_t k = 0; k + 2 < p.size(); ++k) dl->AddLine(p[k], p[k + 1], colour, thickness);
    arrow(dl, p[p.size() - 2], p.back(), colour, thickness);
    return p;
  };
  const std::string current = last ? last->to : "CLOSED";
  const int cur = d.node_of(current, last != nullptr);
  const int taken = last ? d.arc_of(last->from, last->to) : -1;
  // Every RFC arc, dim; the one just taken last, bold.
  for (size_t i = 0; i < d.arcs.size(); ++i) {
    if (static_cast<int>(i) == taken) continue;
    draw_arc(static_cast<int>(i), palette::kRingEmpty, 1.5f);
  }
  // The transition into the current state: an RFC arc, or (a reset, an abort) a
  // straight line the figure does not have.
  if (last && !last->from.empty()) {
    const int from = taken >= 0 ? d.arcs[static_cast<size_t>(taken)].from : d.node_of(last->from, true);
    const int to = taken >= 0 ? d.arcs[static_cast<size_t>(taken)].to : cur;
    if (taken >= 0) {
      const std::vector<ImVec2> p = draw_arc(taken, palette::kHighlight, 3.0f);
      // A dot travelling along the arc: the eye follows the move.
      float length = 0;
      for (size_t k = 0; k + 1 < p.size(); ++k) length += std::hypot(p[k + 1].x - p[k].x, p[k + 1].y - p[k].y);
      float left = static_cast<float>(std::fmod(ImGui::GetTime() * 0.8, 1.0)) * length;
      for (size_t k = 0; k + 1 < p.size(); ++k) {
        const float piece = std::hypot(p[k + 1].x - p[k].x, p[k + 1].y - p[k].y);
        if (left <= piece || k + 2 == p.size()) {
          dl->AddCircleFilled(add(p[k], scale(sub(p[k + 1], p[k]), piece > 0 ? std::min(1.0f, left / piece) : 0.0f)), 4.0f,
                              palette::kHighlight);
          break;
        }
        left -= piece;
      }
    } else if (from >= 0 && to >= 0 && from != to) {
      const ImVec2 a = centre(from), b = centre(to);
      const ImVec2 pa = box_exit(a, half, b), pb = box_exit(b, half, a);
      arrow(dl, pa, pb, palette::kHighlight, 3.0f);
      const float k = static_cast<float>(std::fmod(ImGui::GetTime() * 0.8, 1.0));
      dl->AddCircleFilled(add(pa, scale(sub(pb, pa), k)), 4.0f, palette::kHighlight);
    }
  }
  for (size_t i = 0; i < d.nodes.size(); ++i) {
    const ImVec2 c = centre(static_cast<int>(i));
    const bool lit = static_cast<int>(i) == cur;
    dl->AddRectFilled(sub(c, half), add(c, half), lit ? palette::kHighlight : palette::kStateFill, 5.0f);
    const char* s = d.nodes[i].state.c_str();
    const ImVec2 sz = ImGui::CalcTextSize(s);
    dl->AddText(ImVec2(c.x - sz.x * 0.5f, c.y - sz.y * 0.5f), lit ? palette::kBackground : palette::kText, s);
  }
}

}  // namespace

void draw_state_diagrams(const Timeline& tl, int64_t t) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetFontSize() * 1.5f;
  const float w = (avail.x - gap) * 0.5f;
  draw_one(tl, 0, t, p, ImVec2(p.x + w, p.y + avail.y));
  draw_one(tl, 1, t, ImVec2(p.x + w + gap, p.y), ImVec2(p.x + avail.x, p.y + avail.y));
  ImGui::Dummy(avail);
}

}  // namespace synack::ui
