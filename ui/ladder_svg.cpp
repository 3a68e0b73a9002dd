#include "ladder_svg.hpp"

#include <algorithm>
#include <cstdio>

#include "chips.hpp"
#include "contrast.hpp"
#include "sim/time_text.hpp"
#include "strings.hpp"
#include "style.hpp"

namespace synack::ui {
namespace {

std::string colour(ImU32 c) {
  char b[8];
  std::snprintf(b, sizeof b, "#%02x%02x%02x", c & 0xffu, (c >> 8) & 0xffu, (c >> 16) & 0xffu);
  return b;
}

std::string num(float v) {
  char b[24];
  std::snprintf(b, sizeof b, "%.1f", static_cast<double>(v));
  return b;
}

std::string escaped(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string seconds_text(int64_t ns) { return sim::seconds_text(ns, {.decimals = 6}); }

struct Writer {
  std::string out;
  float font = 13;
  void line(float x0, float y0, float x1, float y1, ImU32 c, float w, const char* extra = "") {
    out += "<line x1=\"" + num(x0) + "\" y1=\"" + num(y0) + "\" x2=\"" + num(x1) + "\" y2=\"" + num(y1) +
           "\" stroke=\"" + colour(c) + "\" stroke-width=\"" + num(w) + "\"" + extra + "/>\n";
  }
  void rect(float x0, float y0, float x1, float y1, ImU32 c, float opacity = 1.0f) {
    out += "<rect x=\"" + num(x0) + "\" y=\"" + num(y0) + "\" width=\"" + num(x1 - x0) + "\" height=\"" +
           num(y1 - y0) + "\" fill=\"" + colour(c) + "\"" +
           (opacity < 1.0f ? " fill-opacity=\"" + num(opacity) + "\"" : std::string()) + "/>\n";
  }
  // (x, y) is the text's top left, as ImGui places it; SVG places the baseline.
  void text(float x, float y, ImU32 c, const std::string& s, const char* cls = "") {
    out += "<text x=\"" + num(x) + "\" y=\"" + num(y + font * 0.82f) + "\" fill=\"" + colour(c) + "\"" + cls + ">" +
           escaped(s) + "</text>\n";
  }
};

}  // namespace

float svg_text_width(const std::string& s, float font_px) {
  float em = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    // Three-byte sequences from U+2E80 on (CJK, kana, full-width forms) take two columns.
    const bool wide = n >= 3 && (c > 0xe2 || (c == 0xe2 && i + 1 < s.size() &&
                                              static_cast<unsigned char>(s[i + 1]) >= 0xba));
    em += wide ? 1.2f : 0.6f;
    i += n;
  }
  return em * font_px;
}

LadderSvg ladder_svg(const Timeline& tl, const LadderSvgOptions& o) {
  const float font = o.font_px, line = font * 1.25f, pad = font * 0.3f;
  LadderGeometry g;
  g.width = o.width;
  g.line = line;
  g.view_top = 0;
  g.view_bottom = 1e9f;
  g.text_width = [font](const std::string& s) { return svg_text_width(s, font); };
  g.chips_width = [font, pad](uint8_t flags) {
    float w = 0;
    for (const FlagChip& c : kFlagChips)
      if (flags & c.flag) w += svg_text_width(c.name, font) + pad * 2.5f;
    return w;
  };
  g.hidden_text = [](int n) { return trn(Str::LadderHiddenOne, Str::LadderHidden, n); };
  g.empty_text = tr(Str::LadderEmpty);
  const int64_t until = o.until_ns >= 0 ? o.until_ns : std::max(tl.run_end_ns, tl.end_ns);

  LadderSvg r;
  r.layout = layout_ladder(tl, until, -1, o.relative, g);
  const LadderLayout& lay = r.layout;
  r.axis_w = svg_text_width(seconds_text(until), font) + font * 1.5f;
  const float title_h = o.title.empty() ? 0.0f : line * 1.6f;
  // The picture ends below the last arrow or label, not at the panel's scroll extent.
  float bottom = lay.y_now;
  for (const LadderArrow& a : lay.arrows) bottom = std::max({bottom, a.ya, a.ye});
  for (const LadderLabel& l : lay.labels) bottom = std::max(bottom, l.rect.y1);
  const float w = r.axis_w + lay.width, h = title_h + bottom + line;

  Writer s;
  s.font = font;
  s.out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(w) +
          "\" height=\"" + num(h) + "\" viewBox=\"0 0 " + num(w) + " " + num(h) + "\" font-family=\"" +
          "DejaVu Sans Mono, Menlo, Consolas, Noto Sans Mono CJK SC, monospace\" font-size=\"" + num(font) + "\">\n";
  s.out += "<title>" + escaped(o.title.empty() ? tl.left_name + " / " + tl.right_name : o.title) + "</title>\n";
  s.rect(0, 0, w, h, palette::kPanel);
  if (!o.title.empty()) s.text(font * 0.5f, line * 0.3f, palette::kText, o.title);

  // The time axis: when each segment left, on the row it left from, one tick a row.
  s.out += "<g class=\"time-axis\">\n";
  s.line(r.axis_w - font * 0.4f, title_h + lay.top, r.axis_w - font * 0.4f, title_h + lay.y_now, palette::kHostEdge, 1);
  float last_tick = -1e9f;
  for (const LadderArrow& a : lay.arrows) {
    const SegmentView& seg = tl.segments[static_cast<size_t>(a.segment)];
    if (a.ya - last_tick < line) continue;
    last_tick = a.ya;
    const std::string t = seconds_text(seg.t_sent);
    s.text(r.axis_w - font * 0.8f - svg_text_width(t, font), title_h + a.ya - line * 0.5f, palette::kTextDim, t);
  }
  s.out += "</g>\n<g class=\"ladder\" transform=\"translate(" + num(r.axis_w) + "," + num(title_h) + ")\">\n";

  s.line(lay.xl, lay.top, lay.xl, std::max(lay.top, lay.y_now), palette::kHostEdge, 2);
  s.line(lay.xr, lay.top, lay.xr, std::max(lay.top, lay.y_now), palette::kHostEdge, 2);
  for (const LadderArrow& a : lay.arrows) {
    const SegmentView& seg = tl.segments[static_cast<size_t>(a.segment)];
    const ImU32 c = seg.fate != Fate::Arrived ? palette::kDead : segment_colour(seg.flags);
    s.line(a.xa, a.ya, a.xe, a.ye, c, 2, seg.retransmission() ? " stroke-dasharray=\"6 5\"" : "");
    if (a.head) {
      const float dir = a.xe > a.xa ? 1.0f : -1.0f;
      s.out += "<polygon points=\"" + num(a.xe) + "," + num(a.ye) + " " + num(a.xe - dir * 10) + "," +
               num(a.ye - 6) + " " + num(a.xe - dir * 10) + "," + num(a.ye + 6) + "\" fill=\"" + colour(c) + "\"/>\n";
    }
    if (a.cross) {
      const float q = line * 0.4f;
      s.line(a.xe - q, a.ye - q, a.xe + q, a.ye + q, palette::kWarning, 3);
      s.line(a.xe - q, a.ye + q, a.xe + q, a.ye - q, palette::kWarning, 3);
    }
  }
  if (o.until_ns >= 0) s.line(0, lay.y_now, lay.width, lay.y_now, palette::kPlayhead, 1.5f);

  for (const LadderLabel& l : lay.labels) {
    switch (l.kind) {
      case LabelKind::Host:
        s.text(l.x, l.y, palette::kTextDim, l.text);
        break;
      case LabelKind::Empty:
      case LabelKind::Hidden:
        s.rect(l.rect.x0, l.rect.y0, l.rect.x1, l.rect.y1, palette::kPanel, 0.66f);
        s.text(l.x, l.y + line * 0.1f, palette::kTextDim, l.text);
        break;
      case LabelKind::State:
        s.rect(l.rect.x0, l.rect.y0, l.rect.x1, l.rect.y1, palette::kStateFill);
        s.text(l.x, l.y + line * 0.1f, palette::kText, l.text);
        break;
      case LabelKind::Timer:
        s.rect(l.rect.x0, l.rect.y0, l.rect.x1, l.rect.y1, palette::kPanel, 0.66f);
        s.text(l.x, l.y + line * 0.1f, palette::kPlayhead, l.text);
        break;
      case LabelKind::Segment: {
        const SegmentView& seg = tl.segments[static_cast<size_t>(l.index)];
        const bool dead = seg.fate != Fate::Arrived;
        s.rect(l.rect.x0, l.rect.y0, l.rect.x1, l.rect.y1, palette::kPanel, 0.66f);
        float x = l.x;
        for (const FlagChip& c : kFlagChips) {
          if (!(seg.flags & c.flag)) continue;
          const float cw = svg_text_width(c.name, font);
          const ImU32 fill = dead ? palette::kDead : c.colour;
          s.rect(x, l.y, x + cw + pad * 2, l.y + font + pad * 0.6f, fill);
          s.text(x + pad, l.y + pad * 0.3f, text_on(fill), c.name);
          x += cw + pad * 2.5f;
        }
        x = l.x + l.chips_w + (l.chips_w > 0 ? line * 0.2f : 0.0f);
        s.text(x, l.y + line * 0.1f, dead ? palette::kDead : palette::kText, l.text);
        x += svg_text_width(l.text, font) + line * 0.2f;
        if (!l.note.empty()) s.text(x, l.y + line * 0.1f, palette::kTextDim, l.note);
        break;
      }
    }
  }
  s.out += "</g>\n</svg>\n";
  r.svg = std::move(s.out);
  return r;
}

}  // namespace synack::ui
