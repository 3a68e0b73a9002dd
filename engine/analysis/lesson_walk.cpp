#include "analysis/lesson_walk.hpp"

#include <algorithm>
#include <map>

#include "sim/time_text.hpp"

namespace synack::analysis {

using lesson::Stop;

int side_of(const scenario::Scenario& s, const std::string& host) {
  for (size_t i = 0; i < s.hosts.size() && i < 2; ++i)
    if (s.hosts[i].config.name == host) return static_cast<int>(i);
  return -1;
}

bool flags_match(link::FlagMatch m, const SegmentView& s) { return !s.is_arp && link::flags_match(m, s.flags, s.len); }

namespace {

int64_t moment_of(const SegmentView& s, Stop::Moment m) {
  switch (m) {
    case Stop::Moment::Leaves: return s.t_sent;
    case Stop::Moment::Arrives: return s.t_end;
    case Stop::Moment::Midway: break;
  }
  return s.t_sent + (s.t_end - s.t_sent) / 2;
}

// The nth moment at or after `after` (strictly after for segments, which a previous
// step may have stopped on) that meets the stop; -1 if there is none.
int64_t find_stop(const lesson::Lesson& l, const Stop& stop, const Timeline& tl, int64_t after, int& segment) {
  segment = -1;
  const int side = stop.host.empty() ? -1 : side_of(l.scenario, stop.host);
  int seen = 0;
  switch (stop.kind) {
    // A moment after the run's end never comes: playback cannot go past it.
    case Stop::Kind::Time: return stop.at_ns >= after && stop.at_ns <= tl.run_end_ns ? stop.at_ns : -1;
    case Stop::Kind::End: return std::max(after, tl.end_ns);
    case Stop::Kind::State:
      for (const StateMark& m : tl.states)
        if (m.t >= after && m.side == side && m.to == stop.state && ++seen == stop.nth) return m.t;
      return -1;
    case Stop::Kind::Timer:
      for (const TimerMark& m : tl.timers)
        if (m.t >= after && m.what == trace::TimerAction::Fired && m.name == stop.timer && (side < 0 || m.side == side) &&
            ++seen == stop.nth)
          return m.t;
      return -1;
    case Stop::Kind::Segment:
    case Stop::Kind::Drop: {
      // Segments are ordered by departure; their stop moments need not be, so take the
      // nth in order of the moment itself.
      std::vector<std::pair<int64_t, int>> hits;
      for (size_t i = 0; i < tl.segments.size(); ++i) {
        const SegmentView& s = tl.segments[i];
        if (s.is_arp) continue;
        int64_t t;
        if (stop.kind == Stop::Kind::Drop) {
          if (s.fate == Fate::Arrived) continue;
          t = s.t_end;
        } else {
          if (!flags_match(stop.flags, s) || (side >= 0 && s.from_side != side)) continue;
          if (stop.retransmission && !s.retransmission()) continue;
          t = moment_of(s, stop.moment);
        }
        if (t > after || (after == 0 && t == 0)) hits.emplace_back(t, static_cast<int>(i));
      }
      std::stable_sort(hits.begin(), hits.end());
      if (static_cast<int>(hits.size()) < stop.nth) return -1;
      segment = hits[static_cast<size_t>(stop.nth - 1)].second;
      return hits[static_cast<size_t>(stop.nth - 1)].first;
    }
  }
  return -1;
}

}  // namespace

StopTimes resolve_stops(const lesson::Lesson& l, const Timeline& tl) {
  StopTimes out;
  int64_t after = 0;
  for (size_t i = 0; i < l.steps.size(); ++i) {
    const lesson::Step& st = l.steps[i];
    const std::string where = l.file + ":" + std::to_string(st.line) + ": step " + std::to_string(i + 1) + ": ";
    if (!st.stop.host.empty() && side_of(l.scenario, st.stop.host) < 0) {
      out.error = where + "host '" + st.stop.host + "' is not one of the two hosts drawn (the scenario's first two)";
      return out;
    }
    int segment = -1;
    const int64_t t = find_stop(l, st.stop, tl, after, segment);
    if (t < 0 && st.stop.kind == Stop::Kind::Time && st.stop.at_ns > tl.run_end_ns) {
      out.error = "step " + std::to_string(i + 1) + " (line " + std::to_string(st.line) + "): " + l.file +
                  " stops at " + sim::seconds_text(st.stop.at_ns) + ", after the run's end at " + sim::seconds_text(tl.run_end_ns) +
                  " (the scenario's until)";
      return out;
    }
    if (t < 0) {
      out.error = where + "stops at " + st.stop.describe() + ", but the run has none after " + sim::seconds_text(after);
      return out;
    }
    if (st.stop.kind == Stop::Kind::State) {
      // A state entered and left in the same instant is never on screen: at the stop the
      // host already shows the state after it. Say so rather than show the wrong one.
      const int side = side_of(l.scenario, st.stop.host);
      const std::string shown = state_at(tl, side, t);
      if (shown != st.stop.state) {
        std::string by;
        for (const StateMark& m : tl.states)
          if (m.t == t && m.side == side && m.from == st.stop.state)
            by = m.cause == tcp::Cause::Unknown ? m.cause_text : tcp::to_string(m.cause);
        out.error = where + st.stop.state + " lasts 0 ns on " + st.stop.host + " (entered at " + sim::seconds_text(t) +
                    " and left at once" + (by.empty() ? "" : ": " + by) + "); the step would show " + shown +
                    "; stop on what causes it instead (a segment) or on the state after it";
        return out;
      }
    }
    out.t.push_back(t);
    out.segment.push_back(segment);
    after = t;
  }
  return out;
}

WalkedLesson walk_lesson(const lesson::Lesson& l) {
  auto world = scenario::build_world(l.scenario);
  world->run(l.scenario.until);
  WalkedLesson w{build_timeline(world->trace(), 0, 1, l.scenario.until.ns), {}};
  w.stops = resolve_stops(l, w.timeline);
  return w;
}

std::vector<std::string> check_step(const lesson::Lesson& l, const lesson::Step& s, const Timeline& tl, int64_t t) {
  std::vector<std::string> wrong;
  for (const auto& [host, want] : s.check.states) {
    const int side = side_of(l.scenario, host);
    const std::string got = side < 0 ? "(not drawn)" : state_at(tl, side, t);
    if (got != want) wrong.push_back(host + " is " + got + ", the lesson expects " + want);
  }
  for (const lesson::Check::Count& c : s.check.connections) {
    // Each connection's state is its last change at or before t.
    const int side = side_of(l.scenario, c.host);
    std::map<uint32_t, std::string> last;
    for (const StateMark& m : tl.states)
      if (m.side == side && m.t <= t) last[m.conn] = m.to;
    const int n = static_cast<int>(std::count_if(last.begin(), last.end(), [&](const auto& e) { return e.second == c.state; }));
    if (n != c.n)
      wrong.push_back(c.host + " has " + std::to_string(n) + " connections in " + c.state + ", the lesson expects " +
                      std::to_string(c.n));
  }
  int sent = 0, dropped = 0;
  for (const SegmentView& seg : tl.segments) {
    if (seg.is_arp) continue;
    if (seg.t_sent <= t) ++sent;
    if (seg.fate != Fate::Arrived && seg.t_end <= t) ++dropped;
  }
  if (s.check.segments && *s.check.segments != sent)
    wrong.push_back(std::to_string(sent) + " segments were sent, the lesson expects " + std::to_string(*s.check.segments));
  if (s.check.drops && *s.check.drops != dropped)
    wrong.push_back(std::to_string(dropped) + " segments died, the lesson expects " + std::to_string(*s.check.drops));
  return wrong;
}

}  // namespace synack::analysis
