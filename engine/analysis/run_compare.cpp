#include "analysis/run_compare.hpp"

#include <algorithm>
#include <cstdlib>

namespace synack::analysis {

namespace {

uint8_t field_diff(const SegmentView& x, const SegmentView& y) {
  uint8_t d = 0;
  if (x.flags != y.flags) d |= differs::kFlags;
  if (x.seq != y.seq) d |= differs::kSeq;
  if (x.ack != y.ack) d |= differs::kAck;
  if (x.len != y.len) d |= differs::kLen;
  return d;
}

bool identical(const SegmentView& x, const SegmentView& y) {
  return x.from_side == y.from_side && x.is_arp == y.is_arp && field_diff(x, y) == 0;
}

// What pairing x with y is worth; -1: they cannot pair (other directions, or an ARP
// frame and a TCP segment). An identical segment always beats a counterpart (up to 150
// off for time), a counterpart with the same flags beats one without, and among equals
// the nearer in time wins.
int64_t pair_score(const SegmentView& x, const SegmentView& y, int64_t span) {
  if (x.from_side != y.from_side || x.is_arp != y.is_arp) return -1;
  const uint8_t d = field_diff(x, y);
  const int64_t base = d == 0 ? 1000 : (d & differs::kFlags) == 0 ? 400 : 200;
  const int64_t dt = std::min<int64_t>(std::llabs(x.t_sent - y.t_sent), span);
  return base - 150 * dt / span;
}

// The alignment of a[a0, a1) with b[b0, b1), appended to `out` in order: the best total
// score (dynamic programming, as diff does for lines). Past a million cells (runs of
// thousands of segments) it pairs identical segments in a single sweep by time instead.
void align(const std::vector<SegmentView>& a, size_t a0, size_t a1, const std::vector<SegmentView>& b, size_t b0,
           size_t b1, int64_t span, std::vector<SegmentPair>& out) {
  const size_t n = a1 - a0, m = b1 - b0;
  const auto pair = [&](size_t i, size_t j) {
    SegmentPair p;
    p.a = static_cast<int>(i);
    p.b = static_cast<int>(j);
    p.differs = field_diff(a[i], b[j]);
    p.shift_ns = b[j].t_sent - a[i].t_sent;
    return p;
  };
  const auto only_a = [](size_t i) { return SegmentPair{static_cast<int>(i), -1, 0, 0}; };
  const auto only_b = [](size_t j) { return SegmentPair{-1, static_cast<int>(j), 0, 0}; };
  if (n * m > (1u << 20)) {
    size_t i = a0, j = b0;
    while (i < a1 || j < b1) {
      if (i < a1 && j < b1 && identical(a[i], b[j])) out.push_back(pair(i++, j++));
      else if (j >= b1 || (i < a1 && a[i].t_sent <= b[j].t_sent)) out.push_back(only_a(i++));
      else out.push_back(only_b(j++));
    }
    return;
  }
  std::vector<int64_t> s((n + 1) * (m + 1), 0);
  const auto at = [&](size_t i, size_t j) -> int64_t& { return s[i * (m + 1) + j]; };
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j) {
      int64_t best = std::max(at(i - 1, j), at(i, j - 1));
      const int64_t sc = pair_score(a[a0 + i - 1], b[b0 + j - 1], span);
      if (sc >= 0) best = std::max(best, at(i - 1, j - 1) + sc);
      at(i, j) = best;
    }
  std::vector<SegmentPair> back;
  size_t i = n, j = m;
  while (i > 0 || j > 0) {
    const int64_t sc = i > 0 && j > 0 ? pair_score(a[a0 + i - 1], b[b0 + j - 1], span) : -1;
    if (sc >= 0 && at(i, j) == at(i - 1, j - 1) + sc) {
      back.push_back(pair(a0 + i - 1, b0 + j - 1));
      --i, --j;
    } else if (i > 0 && (j == 0 || at(i, j) == at(i - 1, j)) &&
               // Either may go first: the later one, so that the list reads in time order.
               (j == 0 || at(i, j) != at(i, j - 1) || a[a0 + i - 1].t_sent > b[b0 + j - 1].t_sent)) {
      back.push_back(only_a(a0 + --i));
    } else {
      back.push_back(only_b(b0 + --j));
    }
  }
  out.insert(out.end(), back.rbegin(), back.rend());
}

void state_diffs(const Timeline& a, const Timeline& b, int side, int64_t end, std::vector<StateDiff>& out) {
  std::vector<int64_t> times{0};
  for (const Timeline* tl : {&a, &b})
  {
    for (const StateMark& m : tl->states)
      if (m.side == side) times.push_back(m.t);
    for (const ListenMark& m : tl->listening)
      if (m.side == side) times.push_back(m.t);
  }
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  for (size_t k = 0; k < times.size(); ++k) {
    const int64_t t = times[k], next = k + 1 < times.size() ? times[k + 1] : std::max(end, t);
    std::string sa = card_state(a, side, t), sb = card_state(b, side, t);
    if (sa == sb) continue;
    // One stretch while the pair of states stays the same.
    if (!out.empty() && out.back().side == side && out.back().to == t && out.back().a == sa && out.back().b == sb)
      out.back().to = next;
    else
      out.push_back(StateDiff{side, t, next, std::move(sa), std::move(sb)});
  }
}

}  // namespace

RunDiff compare_runs(const Timeline& a, const Timeline& b) {
  RunDiff d;
  const auto& sa = a.segments;
  const auto& sb = b.segments;
  const int64_t end = std::max(a.run_end_ns, b.run_end_ns);
  const int64_t span = std::max<int64_t>(1, end);
  // What both runs share at their start (a script's runs are the same until the
  // difference shows) and at their end pairs without the quadratic alignment.
  size_t head = 0;
  while (head < sa.size() && head < sb.size() && identical(sa[head], sb[head]) && sa[head].t_sent == sb[head].t_sent) {
    d.pairs.push_back(SegmentPair{static_cast<int>(head), static_cast<int>(head), 0, 0});
    ++head;
  }
  size_t tail = 0;
  while (tail < sa.size() - head && tail < sb.size() - head &&
         identical(sa[sa.size() - 1 - tail], sb[sb.size() - 1 - tail]))
    ++tail;
  align(sa, head, sa.size() - tail, sb, head, sb.size() - tail, span, d.pairs);
  for (size_t k = tail; k > 0; --k) {
    const size_t i = sa.size() - k, j = sb.size() - k;
    d.pairs.push_back(SegmentPair{static_cast<int>(i), static_cast<int>(j), 0, sb[j].t_sent - sa[i].t_sent});
  }
  d.pair_of_a.assign(sa.size(), -1);
  d.pair_of_b.assign(sb.size(), -1);
  for (size_t k = 0; k < d.pairs.size(); ++k) {
    const SegmentPair& p = d.pairs[k];
    if (p.a >= 0) d.pair_of_a[static_cast<size_t>(p.a)] = static_cast<int>(k);
    if (p.b >= 0) d.pair_of_b[static_cast<size_t>(p.b)] = static_cast<int>(k);
    if (p.b < 0) ++d.only_a;
    else if (p.a < 0) ++d.only_b;
    else if (p.differs) ++d.changed;
  }
  for (int side = 0; side < 2; ++side) state_diffs(a, b, side, end, d.states);
  return d;
}

std::string differs_text(uint8_t d) {
  std::string out;
  const auto add = [&](uint8_t bit, const char* name) {
    if (d & bit) out += (out.empty() ? "" : ", ") + std::string(name);
  };
  add(differs::kFlags, "flags");
  add(differs::kSeq, "seq");
  add(differs::kAck, "ack");
  add(differs::kLen, "len");
  return out;
}

}  // namespace synack::analysis
