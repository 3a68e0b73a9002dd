#include "lesson_run.hpp"

#include <algorithm>
#include <sstream>

namespace synack::ui {

int64_t step_start(const LessonRun& r, int i) {
  return i <= 0 || r.stops.t.empty() ? 0 : r.stops.t[static_cast<size_t>(std::min<int>(i, static_cast<int>(r.stops.t.size())) - 1)];
}

int64_t enter_step(LessonRun& r, int i, Entry how) {
  const int n = static_cast<int>(r.stops.t.size());
  if (n == 0) return 0;
  i = std::clamp(i, 0, n - 1);
  const bool forward = i > r.step || (i == r.step && r.phase != StepPhase::AtStop);
  const bool asks = r.lesson.steps[static_cast<size_t>(i)].question.has_value();
  r.step = i;
  r.chosen = -1;
  // A question is never skipped by the way a step is opened: the prediction comes
  // before the moment that answers it.
  const bool at_stop = how == Entry::Direct || (how == Entry::Forward && !forward) || (how == Entry::Open && !asks && i > 0);
  if (at_stop) {
    r.phase = StepPhase::AtStop;
    return r.stops.t[static_cast<size_t>(i)];
  }
  r.phase = asks ? StepPhase::Question : StepPhase::Playing;
  return step_start(r, i);
}

void answer(LessonRun& r, int choice) {
  if (r.phase != StepPhase::Question) return;
  r.chosen = choice;
  r.phase = StepPhase::Playing;
}

bool reach_stop(LessonRun& r, int64_t& t) {
  if (r.phase != StepPhase::Playing || r.stops.t.empty()) return false;
  const int64_t stop = r.stops.t[static_cast<size_t>(r.step)];
  if (t < stop) return false;
  t = stop;
  r.phase = StepPhase::AtStop;
  return true;
}

std::string serialize_progress(const Progress& p) {
  std::string out;
  for (const auto& [id, n] : p) out += id + " " + std::to_string(n) + "\n";
  return out;
}

Progress parse_progress(const std::string& text) {
  Progress p;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string id;
    int n = 0;
    if (ls >> id >> n && n > 0 && n < 10000) p[id] = n;
  }
  return p;
}

bool note_progress(Progress& p, const std::string& lesson_id, int step) {
  int& reached = p[lesson_id];
  if (step + 1 <= reached) return false;
  reached = step + 1;
  return true;
}

std::string progress_lang(const Progress& p) {
  for (const auto& [key, n] : p)
    if (key.rfind("lang:", 0) == 0) return key.substr(5);
  return {};
}

void set_progress_lang(Progress& p, const std::string& code) {
  for (auto it = p.begin(); it != p.end();) it = it->first.rfind("lang:", 0) == 0 ? p.erase(it) : std::next(it);
  p["lang:" + code] = 1;
}

}  // namespace synack::ui
