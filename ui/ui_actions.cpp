#include "ui_actions.hpp"

#include <cerrno>
#include <cstdlib>
#include <vector>

#include "file_import.hpp"

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

// The action a name asks for, if it is offered now (None: unknown or not now).
Action offered(const Session& app, const std::string& action) {
  using K = Action::Kind;
  const LessonState& ls = app.lesson;
  if (action == "play") return {K::Play};
  if (!ls.active()) return {};
  if (action == "back_to_lesson") {
    if (!ls.trying) return {};
    return {K::LessonReturn};
  }
  if (ls.trying) return {};  // the lesson's other controls wait until it is back
  const LessonRun& r = ls.run;
  const lesson::Step& st = r.lesson.steps[static_cast<size_t>(r.step)];
  const bool at_stop = r.phase == StepPhase::AtStop;
  if (action == "next") {
    if (!at_stop) return {};
    return {K::LessonNext};
  }
  if (action == "back") {
    if (r.step == 0) return {};
    return {K::LessonBack};
  }
  if (action == "skip") {
    if (r.phase != StepPhase::Playing) return {};
    return {K::LessonSkip};
  }
  if (action == "try") {
    if (!at_stop || !st.try_it) return {};
    return {K::LessonTry};
  }
  if (action == "return_to_step") {
    if (!at_stop) return {};
    return {K::LessonGoto, r.step};
  }
  // The question's answers: judged as the panel judges them (LessonRun::chosen holds the
  // choice for one answer, else 1 for right and 0 for wrong).
  if (r.phase != StepPhase::Question || !st.question) return {};
  using Kind = lesson::Question::Kind;
  const lesson::Question& q = *st.question;
  std::string rest;
  if (action.rfind("choice", 0) == 0 && q.kind == Kind::One) {
    const int n = std::atoi(action.c_str() + 6);
    if (n < 1 || n > static_cast<int>(q.choices.size())) return {};
    return {K::LessonAnswer, n - 1};
  }
  if (argument(action, "several", &rest) && q.kind == Kind::Several) {
    std::vector<int> picked;
    for (const std::string& n : split(rest, ',')) {
      const int i = std::atoi(n.c_str());
      if (i < 1 || i > static_cast<int>(q.choices.size())) return {};
      picked.push_back(i - 1);
    }
    return {K::LessonAnswer, q.right_several(picked) ? 1 : 0};
  }
  if (argument(action, "number", &rest) && q.kind == Kind::Number) {
    char* end = nullptr;
    errno = 0;
    const long long n = std::strtoll(rest.c_str(), &end, 10);
    if (rest.empty() || *end != '\0' || errno == ERANGE) return {};
    return {K::LessonAnswer, q.right_number(n) ? 1 : 0};
  }
  if (argument(action, "order", &rest) && q.kind == Kind::Order) {
    return {K::LessonAnswer, q.right_order(split(rest, '|')) ? 1 : 0};
  }
  return {};
}

}  // namespace

void perform(Session& session, const Action& a) {
  using K = Action::Kind;
  switch (a.kind) {
    case K::None: break;
    case K::Play: session.play.playing = !session.play.playing; break;
    case K::LessonNext: lesson_next(session); break;
    case K::LessonBack: lesson_back(session); break;
    case K::LessonSkip: lesson_skip(session); break;
    case K::LessonTry: lesson_try(session); break;
    case K::LessonReturn: lesson_return(session); break;
    case K::LessonGoto: lesson_goto(session, a.n); break;
    case K::LessonAnswer: lesson_answer(session, a.n); break;
    case K::LoadLesson: load_lesson(session, a.n, 0); break;
    case K::OpenLessonFile: request_lesson_file(); break;
    case K::OpenCaptureFile: request_capture_file(); break;
    case K::BranchApply: branch_apply(session, a.edit); break;
    case K::BranchUndo: branch_undo(session); break;
    case K::BranchReset: branch_reset(session); break;
  }
}

bool perform_action(Session& session, const std::string& name) {
  const Action a = offered(session, name);
  perform(session, a);
  return static_cast<bool>(a);
}

}  // namespace synack::ui
