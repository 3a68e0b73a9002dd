#include "analysis/lesson_check.hpp"

#include <cstdio>

#include "analysis/glyph_ranges.hpp"
#include "analysis/run_pair.hpp"

namespace synack::analysis {

namespace {

// Decodes one UTF-8 sequence at s[i], advancing i; a malformed byte comes back as itself.
uint32_t next_code_point(std::string_view s, size_t& i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  uint32_t cp = extra == 3 ? c & 0x07u : extra == 2 ? c & 0x0Fu : extra == 1 ? c & 0x1Fu : c;
  if (i + static_cast<size_t>(extra) >= s.size()) extra = 0;
  for (int k = 1; k <= extra; ++k) {
    if ((b(i + static_cast<size_t>(k)) & 0xC0) != 0x80) {
      ++i;
      return c;
    }
    cp = (cp << 6) | (b(i + static_cast<size_t>(k)) & 0x3Fu);
  }
  i += static_cast<size_t>(extra) + 1;
  return cp;
}

}  // namespace

std::vector<std::string> glyph_warnings(std::string_view text, const std::string& file_name) {
  std::vector<std::string> out;
  int line = 1;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view l = text.substr(start, end - start);
    const size_t first = l.find_first_not_of(" \t");
    // A comment line is for the teacher, never drawn.
    if (first != std::string_view::npos && l[first] != '#') {
      std::string chars, codes;
      for (size_t i = 0; i < l.size();) {
        const size_t at = i;
        const uint32_t cp = next_code_point(l, i);
        if (cp == '\t' || cp == '\r' || font_has_glyph(cp)) continue;
        const std::string ch(l.substr(at, i - at));
        if (chars.find(ch) != std::string::npos) continue;
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", cp);
        chars += (chars.empty() ? "" : " ") + ch;
        codes += (codes.empty() ? "" : ", ") + std::string(code);
      }
      if (!chars.empty())
        out.push_back(file_name + ":" + std::to_string(line) + ": warning: the app's font cannot draw " + chars +
                      " (" + codes + "); they would show as '?'");
    }
    ++line;
    start = end + 1;
  }
  return out;
}

LessonVerdict check_lesson(std::string_view text, const std::string& file_name, const lesson::Sources& sources,
                           const std::vector<TranslationFile>& translations) {
  LessonVerdict v;
  auto parsed = lesson::parse_lesson(text, file_name, sources);
  if (!parsed) {
    v.errors.push_back(parsed.error().str());
    return v;
  }
  std::vector<std::string> translation_warnings;
  for (const TranslationFile& t : translations) {
    if (auto e = lesson::add_translation(*parsed, t.text, t.file, t.lang, translation_warnings)) {
      v.errors.push_back(e->str());
      return v;
    }
    for (std::string& w : glyph_warnings(t.text, t.file)) translation_warnings.push_back(std::move(w));
  }
  v.lesson = std::move(*parsed);
  const lesson::Lesson& l = *v.lesson;
  v.walked = walk_lesson(l);
  if (!v.walked.stops.error.empty()) {
    v.errors.push_back(v.walked.stops.error);
  } else {
    for (size_t i = 0; i < l.steps.size(); ++i) {
      v.wrong.push_back(check_step(l, l.steps[i], v.walked.timeline, v.walked.stops.t[i]));
      for (const std::string& w : v.wrong.back())
        v.errors.push_back(file_name + ":" + std::to_string(l.steps[i].line) + ": step " + std::to_string(i + 1) +
                           ": " + w);
    }
  }
  // Side by side lights what two runs do differently: a step beside a run that does
  // exactly what the lesson's does would light nothing.
  if (v.walked.stops.error.empty())
    for (size_t i = 0; i < l.steps.size(); ++i) {
      const auto& b = l.steps[i].beside;
      if (!b) continue;
      const RunDiff d = compare_runs(v.walked.timeline, simulate_run(b->variant, b->label).timeline);
      if (d.same())
        v.errors.push_back(file_name + ":" + std::to_string(l.steps[i].line) + ": step " + std::to_string(i + 1) +
                           ": beside: " + (b->scenario.empty() ? std::string("the other run") : "\"" + b->scenario + "\"") +
                           " sends the same segments and passes the same states as the lesson's own run: side by "
                           "side would light nothing; name a run of the script under another TCP (a counterfactual, "
                           "a profile, an option)");
    }
  v.warnings = glyph_warnings(text, file_name);
  v.warnings.insert(v.warnings.end(), translation_warnings.begin(), translation_warnings.end());
  return v;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

}  // namespace synack::analysis
