#pragma once
// A learner's walk through a lesson: which step, whether its question is being asked,
// the playback is on its way to the stop, or the step's moment has come. Plain data and
// functions, no drawing, so the runner's rules are tested natively.
#include <cstdint>
#include <map>
#include <string>

#include "lesson/lesson.hpp"
#include "analysis/lesson_walk.hpp"

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run

enum class StepPhase : uint8_t {
  Question,  // the step's question is shown; time waits at the previous stop
  Playing,   // time runs toward the stop and will pause there
  AtStop,    // the stop is reached: the narrative is shown
};

struct LessonRun {
  lesson::Lesson lesson;
  StopTimes stops;
  int step = 0;
  StepPhase phase = StepPhase::AtStop;
  int chosen = -1;  // the learner's answer to this step's question (-1: none yet)
};

// Where step i starts from: the previous step's stop, or the beginning.
int64_t step_start(const LessonRun& r, int i);

// How a step is entered.
enum class Entry : uint8_t {
  Forward,  // Next: its question first, if any, then play from the previous stop (a step
            // behind the current one lands on its stop, as Direct)
  Open,     // a lesson opened at step i (menu, file, link, the next lesson): its question
            // first, if any; else step 1 plays from the start and a later step shows its stop
  Direct,   // Back, a step dot, back from an experiment: the stop at once
};

// Moves to step i. Returns where the playhead goes: the previous stop while a question
// waits or the step plays, else the step's stop.
int64_t enter_step(LessonRun& r, int i, Entry how);

// The learner picked a choice: remember it and start playing to the stop.
void answer(LessonRun& r, int choice);

// While playing to a stop: if the playhead has reached it, clamps the playhead to it,
// switches to AtStop and returns true (the app pauses).
bool reach_stop(LessonRun& r, int64_t& t);

// Progress kept between visits: for each lesson id, how many steps were reached.
using Progress = std::map<std::string, int>;
std::string serialize_progress(const Progress& p);
Progress parse_progress(const std::string& text);  // ignores lines it cannot read
// Records that step (0-based) of a lesson was reached; true if that is new.
bool note_progress(Progress& p, const std::string& lesson_id, int step);
// The language chosen last, kept in the progress as the entry "lang:CODE" (a colon, so
// no lesson id can be it). Empty when none was chosen.
std::string progress_lang(const Progress& p);
void set_progress_lang(Progress& p, const std::string& code);

}  // namespace synack::ui
