// The session's side by side: the other run it simulates beside the run on screen, made
// again only when what it pairs changes, so that no view ever simulates.
#include "session.hpp"

namespace synack::ui {

namespace {

const lesson::Step* step_on_screen(const Session& session) {
  const LessonState& ls = session.lesson;
  if (!ls.active() || ls.trying || ls.run.lesson.steps.empty()) return nullptr;
  return &ls.run.lesson.steps[static_cast<size_t>(ls.run.step)];
}

}  // namespace

const char* profile_name(std::optional<tcp::Profile> p) {
  if (!p) return tr(Str::ProfileMixed);
  return tr(*p == tcp::Profile::Linux ? Str::ProfileLinux : Str::ProfileRfc);
}

void sync_beside(Session& session) {
  BesideRuns& b = session.beside;
  if (b.profiles && session.run.simulated) {
    // RFC against Linux: the run on screen (whatever its branch) beside the same branch
    // under the other profile, made again whenever the run on screen is.
    const std::string key = "profiles\n" + std::to_string(session.run_generation);
    if (key != b.key) {
      b.key = key;
      const tcp::Profile here = session.run_profile.value_or(tcp::Profile::Rfc);
      const tcp::Profile other = here == tcp::Profile::Linux ? tcp::Profile::Rfc : tcp::Profile::Linux;
      Branch there = session.branch;
      there.profile = other;
      b.pair = pair_runs(SimulatedRun{profile_name(session.run_profile), session.counterfactual, session.run.timeline},
                         simulate_run(branch_scenario(there), profile_name(other)));
    }
    return;
  }
  const lesson::Step* st = step_on_screen(session);
  if (!st || !st->beside || !session.run.simulated) {
    b.pair.reset();
    b.key.clear();
    b.turned_for.clear();
    return;
  }
  const LessonState& ls = session.lesson;
  const lesson::Beside& bs = *st->beside;
  // Steps that name the same other run share one pair: it is simulated once per lesson.
  const std::string key = std::to_string(ls.index) + "\n" + ls.run.lesson.id + "\n" +
                          (bs.scenario.empty() ? "step " + std::to_string(ls.run.step) : bs.scenario) + "\n" + bs.label +
                          "\n" + bs.this_label;
  if (key != b.key) {
    b.key = key;
    b.pair = pair_runs(SimulatedRun{bs.this_label, session.counterfactual, session.run.timeline},
                       simulate_run(bs.variant, bs.label));
  }
  const std::string step = ls.run.lesson.id + "#" + std::to_string(ls.run.step);
  if (b.turned_for != step) {
    b.turned_for = step;
    session.beside_entered();
  }
}

}  // namespace synack::ui
