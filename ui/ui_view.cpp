#include "ui_view.hpp"

#include "capture_open.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <cstdio>

#include "app.hpp"
#include "markup.hpp"
#include "narration.hpp"
#include "strings.hpp"

namespace synack::ui {

void note_item(UiView& v, const std::string& name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 ca = dl->GetClipRectMin(), cb = dl->GetClipRectMax();
  // Half a point of slack: ImGui rounds item positions, clip rectangles are exact. A
  // row that spans the window (a menu's entry) reaches half an item spacing past its
  // clip rectangle on each side: it is still wholly there to click.
  const float sx = ImGui::GetStyle().ItemSpacing.x * 0.5f + 0.5f;
  const bool inside = a.x >= ca.x - sx && a.y >= ca.y - 0.5f && b.x <= cb.x + sx && b.y <= cb.y + 0.5f;
  v.items[name] = UiRect{a.x, a.y, b.x - a.x, b.y - a.y, inside && ImGui::IsItemVisible()};
}

namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;  // UTF-8 passes through
        }
    }
  }
  return out + "\"";
}

std::string strings(const std::vector<std::string>& v) {
  std::string out = "[";
  for (const std::string& s : v) out += (out.size() > 1 ? "," : "") + quoted(s);
  return out + "]";
}

const char* kind_name(lesson::Question::Kind k) {
  switch (k) {
    case lesson::Question::Kind::One: return "one";
    case lesson::Question::Kind::Several: return "several";
    case lesson::Question::Kind::Number: return "number";
    case lesson::Question::Kind::Order: return "order";
  }
  return "";
}

const char* phase_name(const App& app) {
  const LessonState& ls = app.lesson;
  if (ls.index < 0) return "none";
  if (!ls.error.empty()) return "error";
  if (ls.trying) return "trying";
  switch (ls.run.phase) {
    case StepPhase::Question: return "question";
    case StepPhase::Playing: return "playing";
    case StepPhase::AtStop: return "at_stop";
  }
  return "none";
}

// Lesson text as plain paragraphs and list items ("p" or "li", then the text), for the
// page's accessible copy of the panel.
std::string blocks_json(const std::string& markup) {
  std::string out = "[";
  for (const Block& b : parse_markup(markup)) {
    std::string text;
    for (const Run& r : b.runs) text += r.text;
    out += std::string(out.size() > 1 ? "," : "") + "[" + quoted(b.list_item ? "li" : "p") + "," + quoted(text) + "]";
  }
  return out + "]";
}

// What the page needs to keep an accessible copy of the screen in step with it (see
// web/index.html): the lesson's words as drawn this frame, both hosts' states, a
// sentence for the latest event, and the controls offered (the items' names, which
// perform_action takes).
std::string a11y_json(const App& app) {
  const UiView& v = app.view;
  const LessonState& ls = app.lesson;
  const LessonRun& r = ls.run;
  std::string j = "{";
  const bool on = ls.active() && !r.stops.t.empty();
  j += "\"lesson_title\":" + quoted(on ? r.lesson.title : "");
  if (on) {
    const lesson::Step& st = r.lesson.steps[static_cast<size_t>(r.step)];
    j += ",\"text\":" + blocks_json(v.narrative_shown ? st.text : "");
    j += ",\"try_text\":" + quoted(v.narrative_shown && st.try_it ? st.try_it->text : "");
    j += ",\"trying_text\":" + quoted(ls.trying ? ls.trying_text : "");
    const bool asked = v.question_shown && st.question;
    j += ",\"prompt\":" + quoted(asked ? st.question->prompt : "");
    j += ",\"choice_texts\":" + strings(asked ? st.question->choices : std::vector<std::string>{});
  }
  j += ",\"hosts\":[";
  for (int side = 0; side < 2; ++side) {
    const std::string& name = side == 0 ? app.run.timeline.left_name : app.run.timeline.right_name;
    j += std::string(side ? "," : "") + "{\"name\":" + quoted(name) + ",\"state\":" +
         quoted(name.empty() ? "" : card_state(app.run.timeline, side, app.play.t)) + "}";
  }
  const Narration& n = app.narration.at_time(app.run.timeline, app.run_generation, app.play.t, app.relative_seq, app.lang);
  j += "],\"narration\":" + quoted(n.text) + ",\"narration_t\":" + std::to_string(n.t);
  std::string actions = "[";
  for (const auto& [name, rc] : v.items) {
    (void)rc;
    static const char* const kActions[] = {"next", "back", "skip", "try", "back_to_lesson", "return_to_step", "check"};
    bool is_action = name.rfind("choice", 0) == 0;
    for (const char* a : kActions) is_action = is_action || name == a;
    if (is_action) actions += (actions.size() > 1 ? "," : "") + quoted(name);
  }
  // The controls' words as the canvas says them, in its language.
  const bool last = on && r.step + 1 >= static_cast<int>(r.lesson.steps.size());
  const std::pair<const char*, Str> labels[] = {
      {"next", last ? Str::NextLesson : Str::Next}, {"back", Str::Back},          {"skip", Str::SkipToStop},
      {"try", Str::TryItButton},                    {"back_to_lesson", Str::BackToLesson},
      {"return_to_step", Str::ReturnToStep},        {"check", Str::CheckAnswer}};
  std::string words = "{";
  for (const auto& [name, id] : labels) words += (words.size() > 1 ? "," : "") + quoted(name) + ":" + quoted(tr(id));
  return j + ",\"actions\":" + actions + "],\"labels\":" + words + "}}";
}

}  // namespace

namespace {

// Characters of the words on screen that the font atlas has no glyph for (ImGui would draw
// '?'): every UI string in the app's language, and the open lesson's title, goals and
// current step. "U+XXXX" each, at most 20.
std::vector<std::string> glyphs_missing(const App& app) {
  std::vector<std::string> out;
  const ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
  if (!font) return out;
  const auto scan = [&](const std::string& text) {
    for (const char* p = text.c_str(); *p && out.size() < 20;) {
      unsigned int c = 0;
      const int n = ImTextCharFromUtf8(&c, p, nullptr);
      p += n > 0 ? n : 1;
      if (c < 0x20 || font->FindGlyphNoFallback(static_cast<ImWchar>(c))) continue;
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", c);
      if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
    }
  };
  for (int i = 0; i < static_cast<int>(Str::Count_); ++i) scan(tr(static_cast<Str>(i), app.lang));
  const LessonState& ls = app.lesson;
  if (ls.active()) {
    const lesson::Lesson& l = ls.run.lesson;
    scan(l.title);
    for (const std::string& g : l.goals) scan(g);
    lesson::for_each_shown_text(l.steps[static_cast<size_t>(ls.run.step)], scan);
  }
  return out;
}

}  // namespace

std::string ui_view_json(const App& app) {
  const UiView& v = app.view;
  const LessonState& ls = app.lesson;
  const LessonRun& r = ls.run;
  const bool on = ls.active() && !r.stops.t.empty();
  const auto num = [](double x) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", x);
    return std::string(buf);
  };
  std::string j = "{";
  j += "\"lesson\":" + quoted(on ? r.lesson.id : "");
  j += ",\"lesson_index\":" + std::to_string(ls.index);
  j += ",\"phase\":" + quoted(phase_name(app));
  j += ",\"lang\":" + quoted(lang_code(app.lang));
  j += ",\"glyphs_missing\":" + strings(glyphs_missing(app));
  j += std::string(",\"font_loading\":") + (chinese_waits_for_font(app) ? "true" : "false");  // the switch waits (cjk_font.hpp)
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;  // its size in texels, for the phone's texture limit
  j += ",\"atlas\":[" + std::to_string(atlas ? atlas->TexWidth : 0) + "," + std::to_string(atlas ? atlas->TexHeight : 0) + "]";
  if (on) {
    const auto& st = r.lesson.steps[static_cast<size_t>(r.step)];
    j += ",\"step\":" + std::to_string(r.step + 1);
    j += ",\"steps\":" + std::to_string(r.lesson.steps.size());
    j += ",\"title\":" + quoted(st.title);
    j += ",\"stop_ns\":" + std::to_string(r.stops.t[static_cast<size_t>(r.step)]);
    j += ",\"start_ns\":" + std::to_string(step_start(r, r.step));
    j += ",\"asks\":" + std::string(st.question ? "true" : "false");
    if (st.question) {
      // The question as the teacher wrote it (choices counted from 1, as on screen).
      const lesson::Question& q = *st.question;
      j += ",\"kind\":" + quoted(kind_name(q.kind));
      j += ",\"answer\":" + std::to_string(q.answer + 1);
      j += ",\"choices\":" + std::to_string(q.choices.size());
      std::string answers = "[";
      for (const int a : q.answers) answers += (answers.size() > 1 ? "," : "") + std::to_string(a + 1);
      j += ",\"answers\":" + answers + "]";
      j += ",\"number\":" + std::to_string(q.number);
      j += ",\"order\":" + strings(q.order);
      j += ",\"feedback\":" + strings(q.feedback);
    }
    j += ",\"chosen\":" + std::to_string(r.chosen + 1);
  }
  j += ",\"t_ns\":" + std::to_string(app.play.t);
  j += ",\"end_ns\":" + std::to_string(app.run.timeline.end_ns);
  j += ",\"run_end_ns\":" + std::to_string(app.run.timeline.run_end_ns);
  j += ",\"playing\":" + std::string(app.play.playing ? "true" : "false");
  j += ",\"speed\":" + num(playback_speed(app));
  j += ",\"question_shown\":" + std::string(v.question_shown ? "true" : "false");
  j += ",\"narrative_shown\":" + std::string(v.narrative_shown ? "true" : "false");
  j += ",\"verdict\":" + quoted(v.verdict);
  j += ",\"course_done\":" + std::string(v.course_done ? "true" : "false");
  j += ",\"narrative_overflow\":" + num(v.narrative_overflow);
  j += ",\"log_scroll\":" + num(v.log_scroll);
  j += ",\"log_scroll_max\":" + num(v.log_scroll_max);
  j += ",\"popup_open\":" + std::string(v.popup_open ? "true" : "false");
  std::string ticked = "[";
  for (const bool t : v.ticked) ticked += std::string(ticked.size() > 1 ? "," : "") + (t ? "true" : "false");
  j += ",\"ticked\":" + ticked + "]";
  j += ",\"typed\":" + quoted(v.typed);
  j += ",\"order_shown\":" + strings(v.order_shown);
  j += ",\"verdict_lines\":" + strings(v.verdict_lines);
  j += ",\"file_message\":" + quoted(v.file_message);
  j += ",\"capture\":" + capture_json(app);
  j += ",\"scenario_name\":" + quoted(app.scenario_name);
  j += ",\"profile\":" + quoted(profile_name(app.run_profile));
  j += ",\"profile_switched\":" + std::string(app.branch.profile ? "true" : "false");
  j += ",\"branch_edits\":" + std::to_string(app.branch.edits.size());
  j += ",\"side_tab\":" + std::to_string(app.side_tabs.shown);
  j += ",\"lower_tab\":" + std::to_string(app.lower_tabs.shown);
  if (v.beside.shown) {
    const UiView::Beside& b = v.beside;
    const auto flag = [](bool x) { return std::string(x ? "true" : "false"); };
    j += ",\"beside\":{\"left\":" + quoted(b.left) + ",\"right\":" + quoted(b.right) +
         ",\"left_not_real\":" + flag(b.left_not_real) + ",\"right_not_real\":" + flag(b.right_not_real) +
         ",\"only_left\":" + std::to_string(b.only_left) + ",\"only_right\":" + std::to_string(b.only_right) +
         ",\"segments_left\":" + std::to_string(b.segments_left) + ",\"segments_right\":" + std::to_string(b.segments_right) +
         ",\"differ\":" + std::to_string(b.differ) + ",\"state_diffs\":" + std::to_string(b.state_diffs) +
         ",\"labels\":" + std::to_string(b.labels) + ",\"overlaps\":" + std::to_string(b.overlaps) +
         ",\"outside\":" + std::to_string(b.outside) + "}";
  } else {
    j += ",\"beside\":null";
  }
  if (v.conns.shown) {
    const UiView::Conns& c = v.conns;
    j += ",\"conns\":{\"rows\":" + std::to_string(c.rows) + ",\"drawn\":" + std::to_string(c.drawn) +
         ",\"column\":" + std::to_string(c.column) + ",\"descending\":" + (c.descending ? "true" : "false") +
         ",\"headers_cut\":" + std::to_string(c.headers_cut) + ",\"first_state\":" + quoted(c.first_state) +
         ",\"last_state\":" + quoted(c.last_state) + "}";
  } else {
    j += ",\"conns\":null";
  }
  j += ",\"a11y\":" + a11y_json(app);
  j += ",\"items\":{";
  bool first = true;
  for (const auto& [name, rc] : v.items) {
    if (!first) j += ",";
    first = false;
    j += quoted(name) + ":[" + num(rc.x) + "," + num(rc.y) + "," + num(rc.w) + "," + num(rc.h) + "," +
         (rc.visible ? "1" : "0") + "]";
  }
  j += "}}";
  return j;
}

}  // namespace synack::ui
