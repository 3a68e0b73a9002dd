#include "ladder_layout.hpp"

#include <algorithm>

#include "tcp/state.hpp"
#include "trace/export.hpp"
#include "run_words.hpp"

namespace synack::ui {

namespace {

// What a state label falls back to when its full name has no room: ss(8)'s "ESTAB" for
// the one long name; the others are tcp::to_string's, already short (SYN-RCVD).
std::string short_state(const std::string& s) {
  return s == tcp::to_string(tcp::State::Established) ? "ESTAB" : s;
}

// The candidate texts of a label, longest first; the placer takes the first that fits.
struct Variant {
  std::string text, note;
  float chips_w = 0;
};

struct Placer {
  const LadderGeometry& g;
  LadderLayout& out;
  float gap;                       // between two labels' backings
  float bottom;                    // the content's height
  std::vector<LabelRect> heads;    // arrowheads and crosses: avoided where possible

  bool inside(const LabelRect& r) const { return r.x0 >= 0 && r.x1 <= g.width && r.y0 >= 0 && r.y1 <= bottom; }
  const LabelRect* collides(const LabelRect& r) const {
    for (const LadderLabel& l : out.labels)
      if (r.intersects(l.rect, gap)) return &l.rect;
    return nullptr;
  }
  bool on_head(const LabelRect& r) const {
    for (const LabelRect& h : heads)
      if (r.intersects(h)) return true;
    return false;
  }
};

}  // namespace

LabelRect arrow_end_rect(const LadderArrow& a, float line) {
  if (a.cross) {
    const float r = line * 0.4f + 1.5f;
    return {a.xe - r, a.ye - r, a.xe + r, a.ye + r};
  }
  const float dir = a.xe > a.xa ? 1.0f : -1.0f;
  const float x_back = a.xe - dir * 10.0f;
  return {std::min(a.xe, x_back), a.ye - 6.0f, std::max(a.xe, x_back), a.ye + 6.0f};
}

LadderLayout layout_ladder(const Timeline& tl, int64_t t, int selected, bool relative, const LadderGeometry& g) {
  LadderLayout out;
  const float line = g.line;
  out.row_h = line * 2.0f;
  out.width = g.width;
  out.xl = g.width * 0.22f;
  out.xr = g.width * 0.78f;
  // Room above the first row for the hosts' names and, under them, the first states.
  out.top = line * 2.4f;
  const std::vector<int64_t>& rows = g.rows ? *g.rows : tl.event_times;
  out.total_h = (static_cast<float>(rows.size()) + 2.0f) * out.row_h + line * 2.8f;
  auto y_of = [&](int64_t when) { return out.top + ladder_row(rows, when) * out.row_h; };
  out.y_now = y_of(t);
  // Only what is near the visible part is laid out: a long run has thousands of arrows.
  const float clip_top = g.view_top - out.row_h * 2, clip_bottom = g.view_bottom + out.row_h * 2;
  auto hidden = [&](float y0, float y1) { return std::max(y0, y1) < clip_top || std::min(y0, y1) > clip_bottom; };
  const float xl = out.xl, xr = out.xr;

  // Arrows: from the sender's line to the receiver's, or to where the segment died;
  // partial while in flight.
  for (size_t i = 0; i < tl.segments.size(); ++i) {
    const SegmentView& s = tl.segments[i];
    if (s.t_sent > t) continue;
    const float ya = y_of(s.t_sent);
    if (ya > clip_bottom) break;  // in order of departure: everything after is lower still
    if (hidden(ya, y_of(std::min(s.t_end, t)))) continue;
    const bool dead = s.fate != Fate::Arrived;
    const float xa = s.from_side == 0 ? xl : xr, xb = s.from_side == 0 ? xr : xl;
    float end_frac = dead && s.fate == Fate::DiedOnCable ? 0.5f : 1.0f;
    int64_t end_t = s.t_end;
    if (t < s.t_end) {
      end_frac *= static_cast<float>(t - s.t_sent) / static_cast<float>(std::max<int64_t>(1, s.t_end - s.t_sent));
      end_t = t;
    }
    LadderArrow a;
    a.segment = static_cast<int>(i);
    a.xa = xa;
    a.ya = ya;
    a.xe = xa + (xb - xa) * end_frac;
    a.ye = y_of(end_t);
    a.head = end_frac >= 0.999f && !dead;
    a.cross = dead && t >= s.t_end;
    out.arrows.push_back(a);
  }

  Placer p{g, out, std::max(2.0f, line * 0.2f), out.total_h, {}};
  for (const LadderArrow& a : out.arrows)
    if (a.head || a.cross) p.heads.push_back(arrow_end_rect(a, line));

  // A label's row: text, or flag chips a little taller than text; its backing is 1 px more each way.
  const float text_h = line * 1.2f;
  auto backing = [&](float x, float y, float w) { return LabelRect{x - 3, y - 1, x + w + 3, y + text_h + 1}; };
  auto width_of = [&](const Variant& v) {
    float w = v.chips_w + g.text_width(v.text);
    if (v.chips_w > 0) w += line * 0.2f;
    if (!v.note.empty()) w += line * 0.2f + g.text_width(v.note);
    return w;
  };

  // Places a label: for each variant (longest first), each candidate position in order
  // of preference; a position over an arrowhead is taken only when the variant fits
  // nowhere else. A spot with a `slide` moves past a label it meets, that way.
  struct Spot {
    float x, y;
    int slide;  // -1: slide left, +1: right, 0: not at all
  };
  auto place = [&](LadderLabel base, const std::vector<Variant>& variants,
                   const std::function<std::vector<Spot>(float w)>& spots) {
    for (size_t level = 0; level < variants.size(); ++level) {
      const Variant& v = variants[level];
      const float w = width_of(v);
      bool have_fallback = false;
      float fx = 0, fy = 0;
      for (const Spot& s0 : spots(w)) {
        float x = std::clamp(s0.x, 3.0f, std::max(3.0f, g.width - w - 3.0f));
        for (int k = 0; k < 4; ++k) {
          const LabelRect r = backing(x, s0.y, w);
          if (!p.inside(r)) break;
          const LabelRect* hit = p.collides(r);
          if (!hit) {
            if (!p.on_head(r)) {
              base.text = v.text;
              base.note = v.note;
              base.chips_w = v.chips_w;
              base.x = x;
              base.y = s0.y;
              base.rect = r;
              base.level = static_cast<int>(level);
              out.labels.push_back(std::move(base));
              return;
            }
            if (!have_fallback) have_fallback = true, fx = x, fy = s0.y;
            break;
          }
          if (s0.slide == 0) break;
          x = s0.slide < 0 ? hit->x0 - p.gap - 3.0f - w - 0.5f : hit->x1 + p.gap + 3.0f + 0.5f;
        }
      }
      if (have_fallback) {
        base.text = v.text;
        base.note = v.note;
        base.chips_w = v.chips_w;
        base.x = fx;
        base.y = fy;
        base.rect = backing(fx, fy, w);
        base.level = static_cast<int>(level);
        out.labels.push_back(std::move(base));
        ++out.on_heads;
        return;
      }
    }
    ++out.hidden;
  };

  // 1. The hosts' names above their lines: fixed.
  for (int side = 0; side < 2; ++side) {
    const std::string& name = side == 0 ? tl.left_name : tl.right_name;
    const float w = g.text_width(name);
    const float x = std::clamp((side == 0 ? xl : xr) - w * 0.5f, 3.0f, std::max(3.0f, g.width - w - 3.0f));
    LadderLabel l;
    l.kind = LabelKind::Host;
    l.side = side;
    l.text = name;
    l.x = x;
    l.y = 0;
    l.rect = LabelRect{x - 3, 0, x + w + 3, line};
    out.labels.push_back(std::move(l));
  }
  if (tl.segments.empty() && !g.empty_text.empty()) {
    const float w = g.text_width(g.empty_text);
    LadderLabel l;
    l.kind = LabelKind::Empty;
    l.text = g.empty_text;
    l.x = std::max(3.0f, (g.width - w) * 0.5f);
    l.y = out.top + line * 2;
    l.rect = backing(l.x, l.y, w);
    out.labels.push_back(std::move(l));
  }
  const size_t fixed = out.labels.size();

  // Beside a host's line, just above the moment: outward first (sliding further out past
  // a neighbour), then a little higher, then inside the lines.
  auto side_spots = [&](int side, float y0) {
    return [=](float w) {
      const float out_x = side == 0 ? xl - w - line * 0.5f : xr + line * 0.5f;
      const float in_x = side == 0 ? xl + line * 0.5f : xr - w - line * 0.5f;
      const int outward = side == 0 ? -1 : 1;
      std::vector<Spot> s;
      for (const float dy : {0.0f, -0.55f, 0.45f, -1.1f})
        s.push_back({out_x, y0 + dy * text_h, outward});
      for (const float dy : {0.0f, -0.55f, 0.45f, -1.1f})
        s.push_back({in_x, y0 + dy * text_h, -outward});
      return s;
    };
  };

  auto lay_out_all = [&](int reserve_hidden) {
    out.labels.resize(fixed);
    out.hidden = 0;
    out.on_heads = 0;
    if (reserve_hidden > 0 && g.hidden_text) {
      // The count of what was left out, in a corner of what is on screen.
      std::string widest = g.hidden_text(reserve_hidden);
      for (const int n : {1, 9, 99})
        if (n < reserve_hidden && g.text_width(g.hidden_text(n)) > g.text_width(widest)) widest = g.hidden_text(n);
      const float vt = std::max(0.0f, g.view_top) + line * 0.2f;
      const float vb = std::min(out.total_h, g.view_bottom) - text_h - line * 0.2f;
      LadderLabel l;
      l.kind = LabelKind::Hidden;
      place(l, {Variant{widest, {}, 0}}, [&](float) {
        return std::vector<Spot>{{g.width, vt, 0}, {0, vt, 0}, {g.width, vb, 0}, {0, vb, 0}, {g.width, vt + text_h * 1.2f, -1}};
      });
    }
    // 2. State names and timer firings, in time order: small, and what a lesson points at.
    size_t ti = 0;
    auto place_timer = [&](size_t j) {
      const TimerMark& m = tl.timers[j];
      const float y = y_of(m.t) - text_h;
      if (hidden(y, y + line)) return;
      LadderLabel l;
      l.kind = LabelKind::Timer;
      l.index = static_cast<int>(j);
      l.side = m.side;
      place(l, {Variant{timer_fired_words(m.name), {}, 0}, Variant{m.name, {}, 0}}, side_spots(m.side, y));
    };
    for (size_t i = 0; i < tl.states.size(); ++i) {
      const StateMark& m = tl.states[i];
      if (m.t > t) break;
      for (; ti < tl.timers.size() && tl.timers[ti].t < m.t; ++ti)
        if (tl.timers[ti].what == trace::TimerAction::Fired) place_timer(ti);
      // Several changes of one side at one instant (CLOSE-WAIT -> LAST-ACK when the
      // application closes at once) share one label: "CLOSE-WAIT > LAST-ACK".
      const size_t first = i;
      std::string text = m.to;
      while (i + 1 < tl.states.size() && tl.states[i + 1].t == m.t && tl.states[i + 1].side == m.side &&
             tl.states[i + 1].t <= t)
        text += " \u2192 " + tl.states[++i].to;
      const float y = y_of(m.t) - text_h;
      if (hidden(y, y + line)) continue;
      LadderLabel l;
      l.kind = LabelKind::State;
      l.index = static_cast<int>(first);
      l.side = m.side;
      std::vector<Variant> vs{Variant{text, {}, 0}};
      const std::string& last = tl.states[i].to;
      if (i > first) vs.push_back(Variant{"\u2192 " + last, {}, 0});
      if (short_state(last) != last) vs.push_back(Variant{(i > first ? "\u2192 " : "") + short_state(last), {}, 0});
      place(l, vs, side_spots(m.side, y));
    }
    for (; ti < tl.timers.size() && tl.timers[ti].t <= t; ++ti)
      if (tl.timers[ti].what == trace::TimerAction::Fired) place_timer(ti);

    // 3. Segment labels, the selected one first, then in order of departure: a label
    // placed never moves for one that comes later.
    std::vector<const LadderArrow*> order;
    for (const LadderArrow& a : out.arrows)
      if (a.segment == selected) order.insert(order.begin(), &a);
      else order.push_back(&a);
    for (const LadderArrow* a : order) {
      const SegmentView& s = tl.segments[static_cast<size_t>(a->segment)];
      LadderLabel l;
      l.kind = LabelKind::Segment;
      l.index = a->segment;
      l.side = s.from_side;
      // Numbers, and the sender's note in brackets as Wireshark writes its analysis:
      // [duplicate ACK], [zero window]; shortened step by step when room is short.
      const float chips = g.chips_width(s.flags);
      const std::string nums = numbers_text(s, relative);
      std::vector<Variant> vs;
      if (!s.note.empty()) {
        vs.push_back(Variant{nums, "[" + note_words(s.note, tl.faults) + "]", chips});
        const std::string brief = note_words(s.note, tl.faults, true);
        if (!brief.empty()) vs.push_back(Variant{nums, "[" + brief + "]", chips});
      }
      vs.push_back(Variant{nums, {}, chips});
      if (!s.is_arp) {
        if (s.len > 0) vs.push_back(Variant{"len=" + std::to_string(s.len), {}, chips});
        vs.push_back(Variant{"", {}, chips});
      }
      const bool in_flight = t < s.t_end;
      const float fracs[] = {0.5f, 0.38f, 0.62f, 0.26f, 0.74f, 0.14f, 0.86f};
      // The last resort before shortening: every half row from a row above the arrow to
      // a row and a half below it, beside the arrow where it crosses that height.
      auto scan = [&](std::vector<Spot>& spots, float x0, float y0, float x1, float y1, float w) {
        const float lo = std::min(y0, y1) - out.row_h, hi = std::max(y0, y1) + out.row_h * 1.5f;
        for (float y = lo; y <= hi; y += text_h * 0.5f) {
          const float f = y1 == y0 ? 0.5f : std::clamp((y - y0) / (y1 - y0), 0.0f, 1.0f);
          spots.push_back({x0 + (x1 - x0) * f - w * 0.5f, y, 0});
        }
      };
      place(l, vs, [&](float w) {
        std::vector<Spot> spots;
        if (in_flight) {
          // Still on its way: just under its start, over the path its arrow is about to
          // draw (above would be the label of what arrived as it left), further down,
          // then above.
          const float xb = (s.from_side == 0 ? xr : xl), full = s.fate == Fate::DiedOnCable ? 0.5f : 1.0f;
          const float xf = a->xa + (xb - a->xa) * full;
          for (const float k : {0.0f, 1.0f, 2.0f})
            for (const float f : fracs)
              spots.push_back({a->xa + (xf - a->xa) * f - w * 0.5f, a->ya + line * 0.15f + k * (text_h + p.gap + 2), 0});
          for (const float f : fracs) spots.push_back({a->xa + (xf - a->xa) * f - w * 0.5f, a->ya - text_h - line * 0.05f, 0});
          scan(spots, a->xa, a->ya, xf, y_of(s.t_end), w);
          return spots;
        }
        // Over the arrow's middle first, then along it, above it or below it.
        for (const float f : fracs) {
          const float px = a->xa + (a->xe - a->xa) * f, py = a->ya + (a->ye - a->ya) * f;
          spots.push_back({px - w * 0.5f, py - text_h - line * 0.05f, 0});
          spots.push_back({px - w * 0.5f, py + line * 0.15f, 0});
        }
        // Stacked further off the middle, then anywhere near the arrow.
        const float my = (a->ya + a->ye) * 0.5f, mx = (a->xa + a->xe) * 0.5f - w * 0.5f;
        for (const float k : {1.0f, 2.0f}) {
          spots.push_back({mx, my - text_h - line * 0.05f - k * (text_h + p.gap + 2), 0});
          spots.push_back({mx, my + line * 0.15f + k * (text_h + p.gap + 2), 0});
        }
        scan(spots, a->xa, a->ya, a->xe, a->ye, w);
        return spots;
      });
    }
  };
  lay_out_all(0);
  if (out.hidden > 0) {
    const int first_pass = static_cast<int>(out.labels.size() - fixed) + out.hidden;
    lay_out_all(first_pass);
    for (LadderLabel& l : out.labels)
      if (l.kind == LabelKind::Hidden) l.text = g.hidden_text(out.hidden);
  }
  return out;
}

int label_overlaps(const LadderLayout& l, float gap) {
  int n = 0;
  for (size_t i = 0; i < l.labels.size(); ++i)
    for (size_t j = i + 1; j < l.labels.size(); ++j)
      if (l.labels[i].rect.intersects(l.labels[j].rect, gap)) ++n;
  return n;
}

int labels_outside(const LadderLayout& l) {
  int n = 0;
  for (const LadderLabel& x : l.labels)
    if (x.rect.x0 < 0 || x.rect.x1 > l.width || x.rect.y0 < 0 || x.rect.y1 > l.total_h) ++n;
  return n;
}

}  // namespace synack::ui

