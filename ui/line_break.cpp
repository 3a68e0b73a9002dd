#include "line_break.hpp"

#include <cstdint>

namespace synack::ui {

namespace {

// One UTF-8 sequence at s[i]: its code point, and i moved past it.
uint32_t decode(std::string_view s, size_t& i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (i + static_cast<size_t>(extra) >= s.size() + (extra ? 0 : 1)) {
    ++i;
    return c;
  }
  uint32_t cp = extra == 3 ? c & 0x07u : extra == 2 ? c & 0x0Fu : extra == 1 ? c & 0x1Fu : c;
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (b(i + static_cast<size_t>(k)) & 0x3Fu);
  i += static_cast<size_t>(extra) + 1;
  return cp;
}

// Chinese (and Japanese) characters and their punctuation: each may stand alone.
bool is_cjk(uint32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
         (cp >= 0x3000 && cp <= 0x303F);
}

// No line starts with these...
bool closing(uint32_t cp) {
  switch (cp) {
    case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF1F: case 0xFF01:  // ，。、；：？！
    case 0xFF09: case 0x300D: case 0x300F: case 0x300B: case 0x3009: case 0x3011: case 0x3015:  // ）」』》〉】〕
    case 0x2026: case 0x201D: case 0x2019: case 0xFF0E:                                        // … ” ’ ．
    case ',': case '.': case ';': case ':': case '!': case '?': case ')':
      return true;
    default:
      return false;
  }
}

// ...and none ends with these.
bool opening(uint32_t cp) {
  switch (cp) {
    case 0xFF08: case 0x300C: case 0x300E: case 0x300A: case 0x3008: case 0x3010: case 0x3014:  // （「『《〈【〔
    case 0x201C: case 0x2018:                                                                  // “ ‘
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<Piece> break_pieces(std::string_view text) {
  std::vector<Piece> out;
  size_t start = 0, i = 0;
  bool prev_cjk = false, prev_opening = false;
  while (i < text.size()) {
    if (text[i] == ' ') {
      const size_t end = i;
      while (i < text.size() && text[i] == ' ') ++i;
      if (end > start) out.push_back({text.substr(start, end - start), static_cast<int>(i - end)});
      else if (!out.empty()) out.back().spaces += static_cast<int>(i - end);
      else out.push_back({text.substr(start, 0), static_cast<int>(i - end)});  // leading: "**bold** and" keeps its gap
      start = i;
      prev_cjk = prev_opening = false;
      continue;
    }
    const size_t at = i;
    const uint32_t cp = decode(text, i);
    const bool cjk = is_cjk(cp);
    // A break before this character: after a CJK one or before one, unless the
    // punctuation says no.
    if (at > start && (cjk || prev_cjk) && !closing(cp) && !prev_opening) {
      out.push_back({text.substr(start, at - start), 0});
      start = at;
    }
    prev_cjk = cjk;
    prev_opening = opening(cp);
  }
  if (i > start) out.push_back({text.substr(start, i - start), 0});
  return out;
}

std::vector<std::string> wrap_lines(std::string_view text, float width,
                                    const std::function<float(std::string_view)>& measure) {
  std::vector<std::string> lines;
  const float space = measure(" ");
  size_t from = 0;
  while (from <= text.size()) {
    size_t nl = text.find('\n', from);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line;
    float x = 0;
    int pending = 0;  // spaces after the last piece, written only if another follows on the line
    for (const Piece& p : break_pieces(text.substr(from, nl - from))) {
      const float w = measure(p.text);
      if (!line.empty() && x + static_cast<float>(pending) * space + w > width) {
        lines.push_back(std::move(line));
        line.clear();
        x = 0;
        pending = 0;
      }
      line.append(static_cast<size_t>(pending), ' ');
      x += static_cast<float>(pending) * space + w;
      line.append(p.text);
      pending = p.spaces;
    }
    lines.push_back(std::move(line));
    from = nl + 1;
  }
  return lines;
}

}  // namespace synack::ui
