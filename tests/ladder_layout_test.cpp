// The ladder's labels as the screen lays them out: ImGui runs headless (a font atlas,
// no GPU) at 1280x720, every lesson step is opened at its stop (and half way to it) and
// drawn, and the labels the ladder drew are checked: none meets another, none leaves
// the panel.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdio>

#include "app.hpp"
#include "headless_gui.hpp"
#include "embedded_files.hpp"
#include "beside_layout.hpp"
#include "ladder_layout.hpp"

using namespace synack;
using synack::testing::HeadlessGui;  // not gtest's namespace testing

namespace {

struct Tally {
  int moments = 0, labels = 0, overlaps = 0, outside = 0, on_heads = 0, hidden = 0, shortened = 0;
};

std::string describe(const ui::LadderLabel& l) {
  char b[160];
  std::snprintf(b, sizeof b, "\"%s%s%s\" at (%.0f,%.0f)-(%.0f,%.0f)", l.text.c_str(), l.note.empty() ? "" : " ",
                l.note.c_str(), l.rect.x0, l.rect.y0, l.rect.x1, l.rect.y1);
  return b;
}

// Draws what is open (three frames: the ladder scrolls to the playhead on the next) and
// adds what its ladder labels do wrong to the tally.
void check_ladder(HeadlessGui& h, ui::App& app, const std::string& where, Tally& tally) {
  app.lower_tabs.ask(0);
  app.last_drawn_t = -1;  // as after a jump: the ladder follows the playhead
  for (int i = 0; i < 3; ++i) h.frame(app);
  const ui::LadderLayout& l = app.ladder_layout;
  ++tally.moments;
  tally.labels += static_cast<int>(l.labels.size());
  tally.overlaps += ui::label_overlaps(l);
  tally.outside += ui::labels_outside(l);
  tally.on_heads += l.on_heads;
  tally.hidden += l.hidden;
  for (const ui::LadderLabel& x : l.labels) tally.shortened += x.level > 0;
  int shown = 0;
  for (size_t i = 0; i < l.labels.size(); ++i)
    for (size_t j = i + 1; j < l.labels.size(); ++j)
      if (l.labels[i].rect.intersects(l.labels[j].rect, 1.0f) && shown++ < 3)
        ADD_FAILURE() << where << ": " << describe(l.labels[i]) << " meets " << describe(l.labels[j]);
  for (const ui::LadderLabel& x : l.labels)
    if (x.rect.x0 < 0 || x.rect.x1 > l.width || x.rect.y0 < 0 || x.rect.y1 > l.total_h)
      ADD_FAILURE() << where << ": " << describe(x) << " leaves the panel (" << l.width << " wide)";
}

void report(const char* what, float zoom, const Tally& t) {
  std::printf("%s at zoom %.1f: %d moments, %d labels, %d overlapping pairs, %d outside the panel, "
              "%d over an arrowhead, %d shortened, %d left out\n",
              what, static_cast<double>(zoom), t.moments, t.labels, t.overlaps, t.outside, t.on_heads, t.shortened,
              t.hidden);
}

}  // namespace

TEST(LadderLabels, NoneMeetAnotherOrLeaveThePanelAtAnyLessonStep) {
  HeadlessGui h;
  for (const float zoom : {1.0f, 2.0f}) {
    Tally tally;
    for (const embedded::EmbeddedFile& f : embedded::lesson_library()) {
      ui::App app;
      app.zoom = zoom;
      ASSERT_TRUE(ui::open_lesson(app, f.id, 0));
      ASSERT_TRUE(app.lesson.active()) << f.id << ": " << app.lesson.error;
      const int n = static_cast<int>(app.lesson.run.lesson.steps.size());
      for (int i = 0; i < n; ++i) {
        ui::lesson_goto(app, i);
        const std::string where = std::string(f.id) + " step " + std::to_string(i + 1) + " zoom " + std::to_string(zoom);
        check_ladder(h, app, where, tally);
        // And half way there from the step before, as it plays: segments in flight.
        const int64_t before = i > 0 ? app.lesson.run.stops.t[static_cast<size_t>(i - 1)] : 0;
        app.play.t = before + (app.play.t - before) / 2;
        check_ladder(h, app, where + " half way", tally);
      }
    }
    report("lesson steps (at the stop and half way to it)", zoom, tally);
    EXPECT_GT(tally.labels, tally.moments * 3);  // the ladders did draw labels
    EXPECT_EQ(tally.overlaps, 0);
    EXPECT_EQ(tally.outside, 0);
  }
}

// Every scenario at its end, where a ladder holds the most: the same rules.
TEST(LadderLabels, NoneMeetAnotherOrLeaveThePanelAtTheEndOfEveryScenario) {
  HeadlessGui h;
  for (const float zoom : {1.0f, 2.0f}) {
    Tally tally;
    for (const embedded::EmbeddedFile& f : embedded::scenario_library()) {
      ui::App app;
      app.zoom = zoom;
      app.lessons_first = false;
      ASSERT_TRUE(ui::open_scenario(app, f.id, INT64_MAX));
      check_ladder(h, app, std::string(f.id) + " end zoom " + std::to_string(zoom), tally);
    }
    report("scenario ends", zoom, tally);
    EXPECT_EQ(tally.overlaps, 0);
    EXPECT_EQ(tally.outside, 0);
  }
}

// Side by side: at every lesson step that shows it (at its stop and half way there), the
// two ladders' labels, taken together, meet nowhere and stay inside their own halves.
TEST(LadderLabels, SideBySideNoneMeetAnotherOrLeaveItsHalf) {
  HeadlessGui h;
  for (const float zoom : {1.0f, 2.0f}) {
    Tally tally;
    int steps = 0;
    for (const embedded::EmbeddedFile& f : embedded::lesson_library()) {
      ui::App app;
      app.zoom = zoom;
      ASSERT_TRUE(ui::open_lesson(app, f.id, 0));
      const int n = static_cast<int>(app.lesson.run.lesson.steps.size());
      for (int i = 0; i < n; ++i) {
        if (!app.lesson.run.lesson.steps[static_cast<size_t>(i)].beside) continue;
        ++steps;
        ui::lesson_goto(app, i);
        const int64_t stop = app.play.t, before = i > 0 ? app.lesson.run.stops.t[static_cast<size_t>(i - 1)] : 0;
        for (const int64_t t : {stop, before + (stop - before) / 2}) {
          app.play.t = t;
          app.lower_tabs.ask(3);
          app.last_drawn_t = -1;
          for (int k = 0; k < 3; ++k) h.frame(app);
          const std::string where = std::string(f.id) + " step " + std::to_string(i + 1) + " at " +
                                    std::to_string(t) + " ns, zoom " + std::to_string(zoom);
          ASSERT_TRUE(app.view.beside.shown) << where << ": side by side is not on screen";
          const ui::BesideLayout& l = app.beside_view.layout;
          ++tally.moments;
          tally.labels += static_cast<int>(l.left.labels.size() + l.right.labels.size());
          tally.overlaps += ui::beside_overlaps(l);
          tally.outside += ui::beside_outside(l);
          tally.hidden += l.left.hidden + l.right.hidden;
          tally.on_heads += l.left.on_heads + l.right.on_heads;
          for (const ui::LadderLayout* half : {&l.left, &l.right})
            for (const ui::LadderLabel& x : half->labels) {
              tally.shortened += x.level > 0;
              if (x.rect.x0 < 0 || x.rect.x1 > l.half || x.rect.y0 < 0 || x.rect.y1 > half->total_h)
                ADD_FAILURE() << where << ": " << describe(x) << " leaves its half (" << l.half << " wide)";
            }
          EXPECT_EQ(ui::beside_overlaps(l), 0) << where;
        }
      }
    }
    report("side-by-side steps (at the stop and half way to it)", zoom, tally);
    EXPECT_GE(steps, 8);                               // lessons 03 and 10 show it at every step
    EXPECT_GT(tally.labels, tally.moments * 6);        // both ladders did draw labels
    EXPECT_EQ(tally.overlaps, 0);
    EXPECT_EQ(tally.outside, 0);
  }
}
