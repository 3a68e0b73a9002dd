#include "lesson_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include "capture_open.hpp"
#include "markup.hpp"
#include "strings.hpp"
#include "style.hpp"

namespace synack::ui {

namespace {

ImVec4 colour(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

const lesson::Step* current_step(const LessonState& ls) {
  if (!ls.active() || ls.run.lesson.steps.empty()) return nullptr;
  return &ls.run.lesson.steps[static_cast<size_t>(ls.run.step)];
}

// The picker's title in the language on screen (the translation's, where it has one).
const std::string& lesson_title(const std::vector<LessonFile>& lib, Lang lang, size_t i) {
  const LessonFile& f = lib[i];
  return lang == Lang::Zh && !f.title_zh.empty() ? f.title_zh : f.title;
}

// The course's levels in the language on screen; a teacher's own level as written.
const char* level_text(const std::string& level) {
  for (const auto& [en, id] : {std::pair{"first steps", Str::LevelFirstSteps}, std::pair{"core", Str::LevelCore},
                               std::pair{"deeper", Str::LevelDeeper}})
    if (level == en) return tr(id);
  return level.c_str();
}

// The step dots: filled up to the furthest step reached, ringed for the current one.
// Clicking a reached step goes there.
Action step_dots(const LessonState& ls) {
  const int n = static_cast<int>(ls.run.lesson.steps.size());
  const auto it = ls.progress.find(ls.run.lesson.id);
  const int reached = it == ls.progress.end() ? 0 : it->second;
  const float r = ImGui::GetFontSize() * 0.32f, gap = r * 3.0f;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  int clicked = -1;
  for (int i = 0; i < n; ++i) {
    const ImVec2 c(p.x + r + static_cast<float>(i) * gap, p.y + r + 2);
    if (i < reached) dl->AddCircleFilled(c, r, i == ls.run.step ? palette::kHighlight : palette::kTextDim);
    else dl->AddCircle(c, r, palette::kTextDim, 0, 1.5f);
    if (i == ls.run.step) dl->AddCircle(c, r + 3, palette::kHighlight, 0, 2.0f);
    if (i < reached && ImGui::IsMouseHoveringRect(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r)) &&
        ImGui::IsMouseClicked(0))
      clicked = i;
  }
  ImGui::Dummy(ImVec2(static_cast<float>(n) * gap, r * 2 + 6));
  return clicked >= 0 ? Action(Action::Kind::LessonGoto, clicked) : Action();
}

// LessonRun::chosen holds the choice for a one-answer question; for the other kinds it
// holds 1 when the learner was right and 0 when not.
bool answered_right(const lesson::Question& q, int chosen) {
  return q.kind == lesson::Question::Kind::One ? chosen == q.answer : chosen == 1;
}

// The typed number, if the field holds one ("-", "+" or nothing do not count).
std::optional<int64_t> typed_number(const char* text) {
  char* end = nullptr;
  errno = 0;
  const long long n = std::strtoll(text, &end, 10);
  if (end == text || *end != '\0' || errno == ERANGE) return std::nullopt;
  return static_cast<int64_t>(n);
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// A "Check" button for the kinds answered in more than one move; greyed out until there
// is something to check.
bool check_button(UiView& view, bool ready) {
  ImGui::BeginDisabled(!ready);
  const bool pressed = ImGui::Button(tr(Str::CheckAnswer));
  note_item(view, "check");
  ImGui::EndDisabled();
  return pressed && ready;
}

// The question and the learner's answer so far; returns the answer once given (the
// session judges nothing: LessonRun::chosen as answered_right reads it).
Action question(const lesson::Step& st, int frame, QuestionDraft& draft, UiView& view) {
  using Kind = lesson::Question::Kind;
  const lesson::Question& q = *st.question;
  const auto answer = [](int chosen) { return Action(Action::Kind::LessonAnswer, chosen); };
  Action out;
  view.question_shown = true;
  if (draft.for_question != &q || draft.frame + 1 != frame)
    draft = QuestionDraft{&q, -1, std::vector<bool>(q.choices.size(), false), "", q.shuffled()};
  draft.frame = frame;
  ImGui::TextColored(colour(palette::kHighlight), "%s", tr(Str::Predict));
  wrapped_text(q.prompt);
  ImGui::Spacing();
  const float letter_w = ImGui::GetFontSize() * 1.8f;
  switch (q.kind) {
    case Kind::One:
    case Kind::Several:
      for (size_t i = 0; i < q.choices.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        char label[8];
        std::snprintf(label, sizeof label, "%c", static_cast<char>('A' + i));
        if (q.kind == Kind::One) {
          if (ImGui::Button(label, ImVec2(letter_w, 0))) out = answer(static_cast<int>(i));
          note_item(view, "choice" + std::to_string(i + 1));
        } else {
          // Several right answers: tick them all, then check.
          bool on = draft.ticked[i];
          if (ImGui::Checkbox(label, &on)) draft.ticked[i] = on;
          note_item(view, "choice" + std::to_string(i + 1));
        }
        ImGui::SameLine();
        wrapped_text(q.choices[i]);
        ImGui::PopID();
      }
      if (q.kind == Kind::Several) {
        view.ticked = draft.ticked;
        const bool any = std::find(draft.ticked.begin(), draft.ticked.end(), true) != draft.ticked.end();
        if (check_button(view, any)) {
          std::vector<int> picked;
          for (size_t i = 0; i < draft.ticked.size(); ++i)
            if (draft.ticked[i]) picked.push_back(static_cast<int>(i));
          out = answer(q.right_several(picked) ? 1 : 0);
        }
      }
      break;
    case Kind::Number: {
      // Typed digits, then Enter or Check; the field starts empty, so nothing is judged
      // that the learner did not type.
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
      const bool enter = ImGui::InputTextWithHint("##number", tr(Str::TypeNumberHint), draft.typed, sizeof draft.typed,
                                                  ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
      note_item(view, "number");
      view.typed = draft.typed;
      ImGui::SameLine();
      const std::optional<int64_t> n = typed_number(draft.typed);
      if ((check_button(view, n.has_value()) || enter) && n) out = answer(q.right_number(*n) ? 1 : 0);
      break;
    }
    case Kind::Order:
      // Put in order: move items up or down until they read first to last.
      for (size_t i = 0; i < draft.items.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const std::string n = std::to_string(i + 1);
        if (i > 0) {
          if (ImGui::ArrowButton("##up", ImGuiDir_Up)) std::swap(draft.items[i], draft.items[i - 1]);
          note_item(view, "up" + n);
        } else {
          ImGui::Dummy(ImVec2(ImGui::GetFrameHeight(), ImGui::GetFrameHeight()));
        }
        ImGui::SameLine();
        if (i + 1 < draft.items.size()) {
          if (ImGui::ArrowButton("##down", ImGuiDir_Down)) std::swap(draft.items[i], draft.items[i + 1]);
          note_item(view, "down" + n);
        } else {
          ImGui::Dummy(ImVec2(ImGui::GetFrameHeight(), ImGui::GetFrameHeight()));
        }
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%zu.", i + 1);
        ImGui::SameLine();
        wrapped_text(draft.items[i]);
        ImGui::PopID();
      }
      view.order_shown = draft.items;
      if (check_button(view, true)) out = answer(q.right_order(draft.items) ? 1 : 0);
      break;
  }
  return out;  // answered: the session plays the step (lesson_answer), to watch it happen
}

void verdict(const lesson::Step& st, int chosen, const QuestionDraft& draft, UiView& view) {
  using Kind = lesson::Question::Kind;
  const lesson::Question& q = *st.question;
  const bool right = answered_right(q, chosen);
  view.verdict = right ? "right" : "wrong";
  std::vector<std::string>& said = view.verdict_lines;
  ImGui::PushTextWrapPos(0.0f);
  // The answer in words: the choices are no longer on screen, so letters alone would not
  // say which they were.
  std::string answer = q.kind == Kind::One ? q.choices[static_cast<size_t>(q.answer)] : q.right_answer();
  if (q.kind == Kind::Several) {
    answer.clear();
    for (const int i : q.answers)
      answer += (answer.empty() ? "" : "; ") + std::string(1, static_cast<char>('A' + i)) + " " +
                q.choices[static_cast<size_t>(i)];
  }
  said.push_back(std::string(tr(right ? Str::Right : Str::Wrong)) + " " + answer);
  wrapped_text(said.back(), right ? palette::kGood : palette::kWarning);
  const auto line = [&](const std::string& text) {
    said.push_back(text);
    wrapped_text(text);
  };
  // What the learner gave, beside the right answer, where a letter would not say it.
  const bool own = draft.for_question == &q;
  if (!right && own && q.kind == Kind::Number) line(std::string(tr(Str::YouAnswered)) + " " + draft.typed);
  if (!right && own && q.kind == Kind::Order) line(std::string(tr(Str::YouAnswered)) + " " + joined(draft.items));
  // Why the learner's own pick was wrong, when the teacher said.
  if (!right && q.kind == Kind::One && static_cast<size_t>(chosen) < q.feedback.size() &&
      !q.feedback[static_cast<size_t>(chosen)].empty())
    line(q.feedback[static_cast<size_t>(chosen)]);
  if (!right && q.kind == Kind::Several && own)
    for (size_t i = 0; i < q.feedback.size() && i < draft.ticked.size(); ++i) {
      const bool should = std::binary_search(q.answers.begin(), q.answers.end(), static_cast<int>(i));
      if (draft.ticked[i] == should || q.feedback[i].empty()) continue;
      // Which box the feedback is about, and what the learner did with it.
      char which[64];
      std::snprintf(which, sizeof which, tr(should ? Str::NotTickedWronglyFmt : Str::TickedWronglyFmt),
                    static_cast<char>('A' + i));
      line(std::string(which) + " " + q.feedback[i]);
    }
  if (!q.explain.empty()) {
    said.push_back(q.explain);
    wrapped_text(q.explain, palette::kTextDim);
  }
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
}

}  // namespace

bool lesson_highlights(const LessonState& ls, const std::string& what) {
  const lesson::Step* st = current_step(ls);
  if (!st || ls.trying || ls.run.phase != StepPhase::AtStop) return false;
  return std::find(st->highlight.begin(), st->highlight.end(), what) != st->highlight.end();
}

std::vector<std::string> lesson_fields(const LessonState& ls) {
  const lesson::Step* st = current_step(ls);
  if (!st || ls.trying || ls.run.phase != StepPhase::AtStop) return {};
  std::vector<std::string> out;
  for (const std::string& h : st->highlight)
    if (h.rfind("field:", 0) == 0) out.push_back(h.substr(6));
  return out;
}

std::vector<size_t> lesson_log_lines(const LessonState& ls, const analysis::Run& run, const std::vector<trace::TextLine>& log) {
  const lesson::Step* st = current_step(ls);
  if (!st || ls.trying || ls.run.phase != StepPhase::AtStop) return {};
  const int64_t t = ls.run.stops.t[static_cast<size_t>(ls.run.step)];
  std::vector<size_t> out;
  for (const std::string& h : st->highlight) {
    if (h == "log") {
      // The lines of the stop's moment: the last event at or before it.
      int64_t last = -1;
      for (const trace::TextLine& l : log)
        if (l.t_ns <= t) last = l.t_ns;
      for (size_t i = 0; i < log.size(); ++i)
        if (log[i].t_ns == last) out.push_back(i);
    } else if (h.rfind("app:", 0) == 0) {
      // The host's latest application call or result.
      const std::string host = h.substr(4);
      const trace::Trace& tr = run.trace;
      size_t last = log.size();
      for (size_t i = 0; i < log.size() && log[i].t_ns <= t; ++i) {
        const trace::TraceEvent& e = tr.events()[log[i].event];
        if ((e.kind() == trace::Ev::AppCall || e.kind() == trace::Ev::AppResult) && tr.host_name(e.host) == host) last = i;
      }
      if (last < log.size()) out.push_back(last);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Action draw_lesson_picker(const std::vector<LessonFile>& lib, const LessonState& ls, Lang lang, UiView& view) {
  const std::string current = ls.index >= 0 ? lesson_title(lib, lang, static_cast<size_t>(ls.index)) : tr(Str::Lessons);
  // As wide as the current title (and its arrow), up to half the bar's room.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float fit = ImGui::CalcTextSize(current.c_str()).x + style.FramePadding.x * 2 + ImGui::GetFrameHeight();
  ImGui::SetNextItemWidth(std::min(std::max(fit, ImGui::GetFontSize() * 10), ImGui::GetContentRegionAvail().x * 0.5f));
  const bool open = ImGui::BeginCombo("##lesson", current.c_str(), ImGuiComboFlags_HeightLarge);
  note_item(view, "lesson_menu");
  if (!open) return {};
  Action out;
  for (size_t i = 0; i < lib.size(); ++i) {
    const auto it = ls.progress.find(lib[i].id);
    const int reached = it == ls.progress.end() ? 0 : it->second;
    const int n = lib[i].steps;
    // ✓ done, • started, blank: not yet.
    const char* mark = reached >= n ? "\u2713" : reached > 0 ? "\u2022" : " ";
    char label[256];
    std::snprintf(label, sizeof label, "%s %2zu  %s", mark, i + 1, lesson_title(lib, lang, i).c_str());
    if (ImGui::Selectable(label, static_cast<int>(i) == ls.index)) out = Action(Action::Kind::LoadLesson, static_cast<int>(i));
    note_item(view, "lesson_item" + std::to_string(i + 1));
  }
  ImGui::Separator();
  if (ImGui::Selectable(tr(Str::OpenLessonFile))) out = Action(Action::Kind::OpenLessonFile);
  note_item(view, "open_file");
  if (ImGui::Selectable(capture_word(CaptureWord::OpenCapture))) out = Action(Action::Kind::OpenCaptureFile);
  note_item(view, "open_capture");
  ImGui::EndCombo();
  return out;
}

Action draw_lesson_panel(const LessonState& ls, const std::vector<LessonFile>& lib, const Display& d, PanelState& panels,
                         UiView& view) {
  using K = Action::Kind;
  if (!ls.error.empty()) {
    // A broken lesson: say exactly where and what; everything else keeps working.
    ImGui::TextColored(colour(palette::kWarning), "%s", tr(Str::LessonError));
    wrapped_text(ls.error);
    panels.lesson_text_h = ImGui::GetCursorPosY();
    return {};
  }
  const lesson::Lesson& l = ls.run.lesson;
  const LessonRun& r = ls.run;
  // At most one control is clicked in a frame: its action is the panel's answer.
  Action out;
  const lesson::Step& st = l.steps[static_cast<size_t>(r.step)];
  // A teacher's file may have no level: then none is named.
  if (l.level.empty())
    ImGui::TextColored(colour(palette::kTextDim), tr(Str::LessonHeaderNoLevel), ls.index + 1,
                       static_cast<int>(lib.size()));
  else
    ImGui::TextColored(colour(palette::kTextDim), tr(Str::LessonHeader), ls.index + 1,
                       static_cast<int>(lib.size()), level_text(l.level));
  wrapped_text(l.title);
  out = step_dots(ls);

  if (ls.trying) {
    ImGui::TextColored(colour(palette::kHighlight), "%s", tr(Str::Trying));
    wrapped_text(ls.trying_text);
    ImGui::Spacing();
    if (ImGui::Button(tr(Str::BackToLesson))) out = Action(K::LessonReturn);
    note_item(view, "back_to_lesson");
    panels.lesson_text_h = ImGui::GetCursorPosY();
    return out;
  }

  ImGui::Separator();
  char head[256];
  std::snprintf(head, sizeof head, tr(Str::StepHeader), r.step + 1, static_cast<int>(l.steps.size()), st.title.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, colour(palette::kHighlight));
  wrapped_text(head);
  ImGui::PopStyleColor();

  // The narrative and its controls; Back/Next stay at the bottom. The side panel sizes
  // this box to what it held last frame (lesson_text_h), so it does not scroll unless
  // the screen is too small; a new step or phase starts at its top.
  const float buttons_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  const float above = ImGui::GetCursorPosY();
  ImGui::BeginChild("narrative", ImVec2(0, -buttons_h), false, kInnerChild);
  const std::string shown = l.id + "/" + std::to_string(r.step) + "/" + std::to_string(static_cast<int>(r.phase));
  if (panels.lesson_text_for != shown) {
    panels.lesson_text_for = shown;
    ImGui::SetScrollY(0.0f);
  }
  if (r.step == 0 && r.phase == StepPhase::AtStop && !l.goals.empty()) {
    ImGui::TextColored(colour(palette::kTextDim), "%s", tr(Str::Goals));
    std::vector<Block> goals;
    for (const std::string& g : l.goals) goals.push_back(Block{true, {Run{Run::Style::Plain, g}}});
    draw_markup(goals);
    ImGui::Spacing();
  }
  switch (r.phase) {
    case StepPhase::Question:
      if (Action a = question(st, d.frame, panels.question, view)) out = std::move(a);
      break;
    case StepPhase::Playing:
      ImGui::PushStyleColor(ImGuiCol_Text, colour(palette::kTextDim));
      wrapped_text(tr(Str::Watching));
      ImGui::PopStyleColor();
      if (ImGui::Button(tr(Str::SkipToStop))) out = Action(K::LessonSkip);
      note_item(view, "skip");
      break;
    case StepPhase::AtStop:
      if (st.question && r.chosen >= 0) verdict(st, r.chosen, panels.question, view);
      view.narrative_shown = true;
      draw_markup(parse_markup(st.text));
      if (d.t != r.stops.t[static_cast<size_t>(r.step)]) {
        // The learner has left the script to explore; offer the way back.
        ImGui::PushStyleColor(ImGuiCol_Text, colour(palette::kTextDim));
        wrapped_text(tr(Str::OffScript));
        ImGui::PopStyleColor();
        if (ImGui::SmallButton(tr(Str::ReturnToStep))) out = Action(K::LessonGoto, r.step);
        note_item(view, "return_to_step");
      }
      if (st.try_it) {
        ImGui::Spacing();
        ImGui::TextColored(colour(palette::kHighlight), "%s", tr(Str::TryIt));
        wrapped_text(st.try_it->text);
      }
      break;
  }
  const bool last = r.step + 1 >= static_cast<int>(l.steps.size());
  const bool has_next_lesson = ls.index + 1 < static_cast<int>(lib.size());
  if (r.phase == StepPhase::AtStop && last && !has_next_lesson) {
    // The end of the course: said in the text's room, where it can wrap.
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, colour(palette::kGood));
    wrapped_text(tr(Str::CourseDone));
    ImGui::PopStyleColor();
    note_item(view, "course_done");
    view.course_done = true;
  }
  // What the whole panel needs: the lines above the box, the box's content, the buttons.
  panels.lesson_text_h = above + ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y + buttons_h;
  view.narrative_overflow = ImGui::GetScrollMaxY();
  ImGui::EndChild();

  if (r.step > 0) {
    if (ImGui::Button(tr(Str::Back))) out = Action(K::LessonBack);
    note_item(view, "back");
    ImGui::SameLine();
  }
  if (r.phase == StepPhase::AtStop && (!last || has_next_lesson)) {
    ImGui::PushStyleColor(ImGuiCol_Button, colour(palette::kAction));
    if (ImGui::Button(last ? tr(Str::NextLesson) : tr(Str::Next))) out = Action(K::LessonNext);
    note_item(view, "next");
    ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  // The variant's button sits with Back and Next, always in view; its text is above.
  if (r.phase == StepPhase::AtStop && st.try_it) {
    if (ImGui::Button(tr(Str::TryItButton))) out = Action(K::LessonTry);
    note_item(view, "try");
  }
  return out;
}

}  // namespace synack::ui
