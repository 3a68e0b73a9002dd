#include "analysis/timeline.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "trace/export.hpp"
#include "trace/relative_seq.hpp"
#include "wire/frame.hpp"

namespace synack::analysis {

using trace::Ev;

namespace {

std::string make_label(const SegmentView& s) {
  if (s.is_arp) return "ARP";
  std::string flags;
  auto add = [&](uint8_t f, const char* n) {
    if (!(s.flags & f)) return;
    if (!flags.empty()) flags += ",";
    flags += n;
  };
  add(wire::tcpflag::SYN, "SYN");
  add(wire::tcpflag::FIN, "FIN");
  add(wire::tcpflag::RST, "RST");
  add(wire::tcpflag::PSH, "PSH");
  add(wire::tcpflag::ACK, "ACK");
  return flags + " seq=" + std::to_string(s.seq) + " ack=" + std::to_string(s.ack) + " len=" + std::to_string(s.len);
}

}  // namespace

std::string numbers_text(const SegmentView& s, bool relative, bool with_window) {
  if (s.is_arp) return "ARP";
  std::string out = "seq=" + std::to_string(relative ? s.seq : s.abs_seq) +
                    " ack=" + std::to_string(relative ? s.ack : s.abs_ack) + " len=" + std::to_string(s.len);
  if (with_window) out += " win=" + std::to_string(s.window);
  return out;
}

Timeline build_timeline(const trace::Trace& t, uint16_t left, uint16_t right, int64_t ran_until_ns) {
  Timeline tl;
  tl.left_name = t.host_name(left);
  tl.right_name = t.host_name(right);
  tl.faults = t.fault_rules();
  auto side_of = [&](uint16_t h) { return h == left ? 0 : h == right ? 1 : -1; };
  std::unordered_map<uint32_t, size_t> seg_of_frame;  // frame id -> index in segments
  trace::RelativeSeq rel;
  std::vector<int64_t> times;

  // Each side's IPv4 address, from the first frame it sends: with many hosts on a switch,
  // only what passes between these two is drawn.
  uint32_t ip[2] = {0, 0};
  for (const trace::TraceEvent& e : t.events()) {
    const int side = side_of(e.host);
    if (e.kind() != Ev::FrameSent || side < 0 || ip[side]) continue;
    auto f = wire::decode_frame(t.frame(e.frame).bytes, false);
    if (f && f->ip) ip[side] = f->ip->src.v;
    if (ip[0] && ip[1]) break;
  }
  // An event of a connection to some third host belongs to another pair.
  auto elsewhere = [&](const trace::TraceEvent& e, int side) { return e.peer_ip && ip[1 - side] && e.peer_ip != ip[1 - side]; };

  for (const trace::TraceEvent& e : t.events()) {
    const int side = side_of(e.host);
    if (side >= 0 && elsewhere(e, side)) continue;
    switch (e.kind()) {
      case Ev::FrameSent: {
        if (side < 0) break;
        SegmentView s;
        s.frame = e.frame;
        s.from_side = side;
        s.t_sent = e.t.ns;
        s.t_end = e.as<trace::FrameSent>()->arrives_ns;  // last bit at the far end: replaced by what really happened
        s.note = t.frame(e.frame).note;
        auto f = wire::decode_frame(t.frame(e.frame).bytes, false);
        if (f && f->ip && ip[1 - side] && f->ip->dst.v != ip[1 - side]) break;  // to a third host
        if (f && f->arp) {
          s.is_arp = true;
        } else if (f && f->tcp) {
          const wire::TcpSegment& seg = *f->tcp;
          rel.learn(*f, s.note.kind);
          s.flags = seg.flags;
          s.abs_seq = seg.seq;
          s.abs_ack = seg.ack;
          const trace::RelativeSeq::Numbers n = rel.relative(*f);
          s.seq = n.seq;
          s.ack = n.ack;
          s.len = static_cast<uint32_t>(seg.payload.size());
          s.window = seg.window;
        }
        s.label = make_label(s);
        seg_of_frame[e.frame] = tl.segments.size();
        tl.segments.push_back(std::move(s));
        times.push_back(e.t.ns);
        break;
      }
      case Ev::FaultApplied: {
        // A copy or corrupted version travels on under a new frame id: follow it.
        break;
      }
      case Ev::FrameReceived:
      case Ev::FrameDropped: {
        // A bystander's NIC seeing a flooded copy is not this segment's fate.
        if (e.host != trace::kNoHost && side < 0) break;
        uint32_t id = e.frame;
        auto it = seg_of_frame.find(id);
        if (it == seg_of_frame.end()) {
          const uint32_t orig = t.frame(id).copy_of;
          it = orig ? seg_of_frame.find(orig) : seg_of_frame.end();
          if (it == seg_of_frame.end()) break;
          if (t.frame(id).note.kind == trace::FrameNoteKind::FaultCopy) {
            // The duplicate: a second segment on the screen, sent by the fault.
            SegmentView copy = tl.segments[it->second];
            copy.frame = id;
            copy.note = t.frame(id).note;
            copy.t_sent = tl.segments[it->second].t_sent;
            copy.t_end = e.t.ns;
            copy.fate = Fate::Arrived;
            seg_of_frame[id] = tl.segments.size();
            tl.segments.push_back(std::move(copy));
            it = seg_of_frame.find(id);
          }
        }
        SegmentView& s = tl.segments[it->second];
        const trace::FrameDropped* d = e.as<trace::FrameDropped>();
        if (!d) {
          s.t_end = e.t.ns;
          s.fate = Fate::Arrived;
        } else if (d->site == trace::Site::Cable || d->site == trace::Site::NicRx || d->site == trace::Site::Ip) {
          if (d->site == trace::Site::Cable) {
            s.fate = Fate::DiedOnCable;
            s.t_end = s.t_sent + (s.t_end - s.t_sent) / 2;  // shown dying mid-cable
          } else if (d->site == trace::Site::NicRx) {
            s.fate = Fate::DiedAtNic;
            s.t_end = e.t.ns;
          } else {
            s.fate = Fate::DiedAtHost;
          }
          s.drop = d->reason;
          s.drop_value = d->n;
          s.error = d->error;
          s.why = d->words;
        }
        times.push_back(e.t.ns);
        break;
      }
      case Ev::StateChange: {
        if (side < 0) break;
        // A listener going away (the server closing its listening socket) says nothing
        // about the connection drawn; shown, it would hide that connection's state.
        // Both it and a listener opening are counted for the card (card_state).
        const trace::StateChange& c = *e.as<trace::StateChange>();
        const bool opens = c.from == tcp::State::Closed && c.to == tcp::State::Listen;
        const bool ends = c.from == tcp::State::Listen && c.to == tcp::State::Closed;
        if (e.peer_ip == 0 && (opens || ends)) {
          const int before = tl.listening_count(side);
          tl.listening.push_back(ListenMark{side, e.t.ns, before + (opens ? 1 : -1)});
          if (ends) break;
        }
        StateMark m;
        m.side = side;
        m.t = e.t.ns;
        m.conn = e.conn;
        m.from = tcp::to_string(c.from);
        m.to = tcp::to_string(c.to);
        m.cause = c.cause;
        m.cause_text = trace::event_detail(e);
        m.inferred = c.inferred;
        tl.states.push_back(std::move(m));
        times.push_back(e.t.ns);
        break;
      }
      case Ev::TimerArmed:
      case Ev::TimerFired:
      case Ev::TimerCancelled: {
        if (side < 0) break;
        TimerMark m;
        m.side = side;
        m.t = e.t.ns;
        const trace::TimerEvent& te = *e.as<trace::TimerEvent>();
        m.timer = te.timer;
        m.name = tcp::to_string(te.timer);
        m.what = te.action;
        m.deadline = te.due_ns;
        tl.timers.push_back(std::move(m));
        if (te.action == trace::TimerAction::Fired) times.push_back(e.t.ns);
        break;
      }
      case Ev::Tcb: {
        if (side < 0) break;
        tl.tcbs.push_back(TcbMark{side, e.t.ns, e.conn, t.tcb_snapshots()[e.as<trace::Tcb>()->snapshot]});
        break;
      }
      default:
        break;
    }
    tl.end_ns = std::max(tl.end_ns, e.t.ns);
  }
  for (const SegmentView& s : tl.segments) {
    tl.end_ns = std::max(tl.end_ns, s.t_end);
    times.push_back(s.t_end);
  }
  tl.run_end_ns = std::max(tl.end_ns, ran_until_ns);
  std::sort(tl.segments.begin(), tl.segments.end(),
            [](const SegmentView& a, const SegmentView& b) { return a.t_sent < b.t_sent; });
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  tl.event_times = std::move(times);

  // Host panels: memory and NIC, carried forward from change to change.
  HostStatus now[2];
  for (const trace::TraceEvent& e : t.events()) {
    const int side = side_of(e.host);
    if (side < 0) continue;
    HostStatus& h = now[side];
    if (auto* m = e.as<trace::Memory>()) {
      h.memory_bytes = m->bytes;
      h.connections = m->connections;
    } else if (auto* c = e.as<trace::NicCounters>()) {
      h.filter_drops = c->filter_drops;
      h.ring_drops = c->ring_drops;
    } else if (auto* r = e.as<trace::FrameReceived>()) {
      h.ring_fill = r->ring_fill;
      ++h.rx_frames;
    } else if (auto* d = e.as<trace::FrameDelivered>()) {
      h.ring_fill = d->ring_fill;
    } else {
      continue;
    }
    tl.hosts.push_back(HostMark{side, e.t.ns, h});
  }
  return tl;
}

HostStatus host_at(const Timeline& tl, int side, int64_t t) {
  // The latest mark of this side at or before t: search by time, then walk back.
  auto it = std::upper_bound(tl.hosts.begin(), tl.hosts.end(), t, [](int64_t v, const HostMark& m) { return v < m.t; });
  while (it != tl.hosts.begin()) {
    --it;
    if (it->side == side) return it->status;
  }
  return {};
}

std::string state_at(const Timeline& tl, int side, int64_t t) {
  std::string s = "CLOSED";
  for (const StateMark& m : tl.states) {
    if (m.t > t) break;
    if (m.side == side) s = m.to;
  }
  return s;
}

std::string card_state(const Timeline& tl, int side, int64_t t) {
  const std::string s = state_at(tl, side, t);
  if (s != "CLOSED") return s;
  int open = 0;
  for (const ListenMark& m : tl.listening) {
    if (m.t > t) break;
    if (m.side == side) open = m.open;
  }
  return open > 0 ? "LISTEN" : s;
}

const StateMark* last_change(const Timeline& tl, int side, int64_t t) {
  const StateMark* last = nullptr;
  for (const StateMark& m : tl.states) {
    if (m.t > t) break;
    if (m.side == side) last = &m;
  }
  return last;
}

float position_at(const SegmentView& s, int64_t t, int64_t linger_ns) {
  if (t < s.t_sent) return -1.0f;
  const int64_t span = std::max<int64_t>(1, s.t_end - s.t_sent);
  if (t <= s.t_end) {
    const float p = static_cast<float>(t - s.t_sent) / static_cast<float>(span);
    return s.fate == Fate::DiedOnCable ? p * 0.5f : p;
  }
  if (s.fate != Fate::Arrived && t <= s.t_end + linger_ns) return s.fate == Fate::DiedOnCable ? 0.5f : 1.0f;
  return -1.0f;
}

const trace::TcbSnapshot* tcb_at(const Timeline& tl, int side, int64_t t) {
  const trace::TcbSnapshot* found = nullptr;
  for (const TcbMark& m : tl.tcbs) {
    if (m.t > t) break;
    if (m.side == side) found = &m.vars;
  }
  return found;
}

std::vector<RunningTimer> timers_at(const Timeline& tl, int side, int64_t t) {
  // The timer marks do not say which connection; one timer of each name per side is
  // what a two-host lesson has, so the latest arming of a name wins.
  std::map<std::string, RunningTimer> running;
  for (const TimerMark& m : tl.timers) {
    if (m.t > t) break;
    if (m.side != side) continue;
    if (m.what == trace::TimerAction::Armed) running[m.name] = RunningTimer{m.name, m.t, m.deadline};
    else running.erase(m.name);
  }
  std::vector<RunningTimer> out;
  for (auto& [name, r] : running)
    if (r.deadline > t) out.push_back(r);
  return out;
}

float ladder_row(const Timeline& tl, int64_t t) { return ladder_row(tl.event_times, t); }

float ladder_row(const std::vector<int64_t>& ev, int64_t t) {
  if (ev.empty()) return 0.0f;
  auto it = std::upper_bound(ev.begin(), ev.end(), t);
  if (it == ev.begin()) return 0.0f;
  const size_t i = static_cast<size_t>(it - ev.begin()) - 1;
  if (i + 1 >= ev.size()) return static_cast<float>(i);
  const double frac = static_cast<double>(t - ev[i]) / static_cast<double>(ev[i + 1] - ev[i]);
  return static_cast<float>(static_cast<double>(i) + frac);
}

int64_t time_on_cable(const Timeline& tl, int64_t from, int64_t to) {
  // Segments are in order of t_sent: one sweep merges overlapping flights.
  int64_t total = 0, cover_end = from;
  for (const SegmentView& s : tl.segments) {
    if (s.t_sent >= to) break;
    const int64_t a = std::max({s.t_sent, from, cover_end}), b = std::min(s.t_end, to);
    if (b > a) total += b - a;
    cover_end = std::max(cover_end, b);
  }
  return total;
}

int64_t next_event(const Timeline& tl, int64_t t) {
  auto it = std::upper_bound(tl.event_times.begin(), tl.event_times.end(), t);
  return it == tl.event_times.end() ? std::max(t, tl.end_ns) : *it;
}

int64_t prev_event(const Timeline& tl, int64_t t) {
  auto it = std::lower_bound(tl.event_times.begin(), tl.event_times.end(), t);
  return it == tl.event_times.begin() ? 0 : *(it - 1);
}

}  // namespace synack::analysis
