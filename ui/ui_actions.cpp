#include "ui_actions.hpp"

#include <cerrno>
#include <cstdlib>
#include <vector>

#include "app.hpp"

namespace synack::ui {

namespace {

// What follows "name:" in an action, or nothing when the action is not that one.
bool argument(const std::string& action, const char* name, std::string* rest) {
  const std::string prefix = std::string(name) + ":";
  if (action.rfind(prefix, 0) != 0) return false;
  *rest = action.substr(prefix.size());
  return true;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

}  // namespace

bool perform_action(App& app, const std::string& action) {
  LessonState& ls = app.lesson;
  if (action == "play") {
    app.play.playing = !app.play.playing;
    return true;
  }
  if (!ls.active()) return false;
  if (action == "back_to_lesson") {
    if (!ls.trying) return false;
    lesson_return(app);
    return true;
  }
  if (ls.trying) return false;  // the lesson's other controls wait until it is back
  LessonRun& r = ls.run;
  const lesson::Step& st = r.lesson.steps[static_cast<size_t>(r.step)];
  const bool at_stop = r.phase == StepPhase::AtStop;
  if (action == "next") {
    if (!at_stop) return false;
    lesson_next(app);
    return true;
  }
  if (action == "back") {
    if (r.step == 0) return false;
    lesson_back(app);
    return true;
  }
  if (action == "skip") {
    if (r.phase != StepPhase::Playing) return false;
    lesson_skip(app);
    return true;
  }
  if (action == "try") {
    if (!at_stop || !st.try_it) return false;
    lesson_try(app);
    return true;
  }
  if (action == "return_to_step") {
    if (!at_stop) return false;
    lesson_goto(app, r.step);
    return true;
  }
  // The question's answers: judged as the panel judges them (LessonRun::chosen holds the
  // choice for one answer, else 1 for right and 0 for wrong).
  if (r.phase != StepPhase::Question || !st.question) return false;
  using Kind = lesson::Question::Kind;
  const lesson::Question& q = *st.question;
  std::string rest;
  if (action.rfind("choice", 0) == 0 && q.kind == Kind::One) {
    const int n = std::atoi(action.c_str() + 6);
    if (n < 1 || n > static_cast<int>(q.choices.size())) return false;
    lesson_answer(app, n - 1);
    return true;
  }
  if (argument(action, "several", &rest) && q.kind == Kind::Several) {
    std::vector<int> picked;
    for (const std::string& n : split(rest, ',')) {
      const int i = std::atoi(n.c_str());
      if (i < 1 || i > static_cast<int>(q.choices.size())) return false;
      picked.push_back(i - 1);
    }
    lesson_answer(app, q.right_several(picked) ? 1 : 0);
    return true;
  }
  if (argument(action, "number", &rest) && q.kind == Kind::Number) {
    char* end = nullptr;
    errno = 0;
    const long long n = std::strtoll(rest.c_str(), &end, 10);
    if (rest.empty() || *end != '\0' || errno == ERANGE) return false;
    lesson_answer(app, q.right_number(n) ? 1 : 0);
    return true;
  }
  if (argument(action, "order", &rest) && q.kind == Kind::Order) {
    lesson_answer(app, q.right_order(split(rest, '|')) ? 1 : 0);
    return true;
  }
  return false;
}

}  // namespace synack::ui
