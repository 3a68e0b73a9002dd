#include "link_state.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace synack::ui {

namespace {

// Ids are file stems: letters, digits, '-' and '_' only, so a link cannot smuggle
// anything else into the app.
bool valid_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

}  // namespace

LinkState parse_link(std::string_view hash) {
  LinkState s;
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  while (!hash.empty()) {
    const size_t amp = hash.find('&');
    const std::string_view part = hash.substr(0, amp);
    hash = amp == std::string_view::npos ? std::string_view{} : hash.substr(amp + 1);
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = part.substr(0, eq), value = part.substr(eq + 1);
    if (key == "lesson" && valid_id(value)) s.lesson = value;
    if (key == "scenario" && valid_id(value)) s.scenario = value;
    if (key == "embed") s.embed = value == "1";
    if (key == "profile" && (value == "rfc" || value == "linux")) s.profile = value;
    if (key == "lang" && (value == "zh" || value == "en")) s.lang = value;
    if (key == "step") {
      int n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec == std::errc() && p == value.data() + value.size() && n >= 1 && n <= 10000) s.step = n;
    }
    if (key == "t") {
      // from_chars for double is not in every standard library we build with: parse
      // digits and one dot by hand.
      double v = 0, scale = 0;
      bool ok = !value.empty() && value.size() <= 24;
      for (char c : value) {
        if (c == '.' && scale == 0) scale = 1;
        else if (c >= '0' && c <= '9') {
          if (scale == 0) v = v * 10 + (c - '0');
          else v += (c - '0') * (scale /= 10);
        } else ok = false;
      }
      if (ok && std::isfinite(v) && v <= 1e12) s.t_ms = v;
    }
  }
  return s;
}

std::string format_link(const LinkState& s) {
  const std::string tail = (s.lang.empty() ? "" : "&lang=" + s.lang) + (s.embed ? "&embed=1" : "");
  if (!s.lesson.empty()) return "lesson=" + s.lesson + "&step=" + std::to_string(s.step) + tail;
  char t[40];
  std::snprintf(t, sizeof t, "%.6g", s.t_ms);
  return "scenario=" + s.scenario + "&t=" + t + (s.profile.empty() ? "" : "&profile=" + s.profile) + tail;
}

}  // namespace synack::ui
