#include "analysis/capture_run.hpp"

#include <algorithm>
#include <utility>

#include "capture/replay.hpp"
#include "capture/tracker.hpp"
#include "trace/export.hpp"

namespace synack::analysis {

namespace {

constexpr int64_t kMinOneWayNs = 1000;                 // loopback: still a flight the eye can follow
constexpr int64_t kMaxOneWayNs = 10'000'000'000;        // a file's odd clock must not make minutes of flight
constexpr uint8_t kSyn = 0x02, kAck = 0x10, kRst = 0x04, kFin = 0x01;

int64_t clamp_one_way(__int128 ns) {
  return static_cast<int64_t>(std::clamp<__int128>(ns, kMinOneWayNs, kMaxOneWayNs));
}

// The capture's word on a segment (offload, snaplen, not seen to arrive) and Wireshark's
// analysis marks of it, as the one note the ladder and the inspector show.
trace::FrameNote capture_note(const trace::FrameRecord& f) {
  trace::FrameNote note = f.note;
  std::string marks;
  for (const trace::Mark& m : f.marks) marks += (marks.empty() ? "" : ", ") + trace::english().mark(m);
  if (marks.empty()) return note;
  note.kind = trace::FrameNoteKind::Capture;
  note.words = note.words.empty() ? marks : note.words + "; " + marks;
  return note;
}

}  // namespace

Result<OpenedCapture, wire::CaptureError> open_capture(wire::ByteView file, uint64_t max_bytes) {
  auto index = wire::read_capture(file, max_bytes);
  if (!index) return Err(index.error());
  auto streams = capture::list_streams(*index, file);
  if (!streams) return Err(streams.error());
  return OpenedCapture{std::move(*index), std::move(*streams)};
}

int64_t capture_one_way_ns(const capture::Tracked& tracked) {
  const auto& segs = tracked.segments;
  // The handshake as the tracker finds it: at any capture point the two gaps SYN to
  // SYN,ACK and SYN,ACK to ACK add up to one round trip.
  size_t syn = SIZE_MAX, synack = SIZE_MAX;
  for (size_t j = 0; j < segs.size(); ++j) {
    const uint8_t f = segs[j].tcp.flags & (kSyn | kAck | kRst | kFin);
    if (synack == SIZE_MAX && segs[j].from_client && f == kSyn) syn = j;
    else if (syn != SIZE_MAX && synack == SIZE_MAX && !segs[j].from_client && f == (kSyn | kAck)) synack = j;
    else if (synack != SIZE_MAX && segs[j].from_client && (f & kAck) && !(f & kSyn))
      return clamp_one_way((static_cast<__int128>(segs[j].time_ns) - segs[syn].time_ns) / 2);
  }
  // No handshake: the quickest answer seen from either end bounds the round trip.
  __int128 quickest = kMaxOneWayNs * static_cast<__int128>(2);
  for (size_t j = 1; j < segs.size(); ++j)
    if (segs[j].from_client != segs[j - 1].from_client)
      quickest = std::min<__int128>(quickest, static_cast<__int128>(segs[j].time_ns) - segs[j - 1].time_ns);
  return clamp_one_way(quickest / 2);
}

Run capture_run(const OpenedCapture& opened, wire::ByteView file, size_t stream, const std::string& file_name) {
  const capture::Stream& s = opened.streams.streams.at(stream);
  const capture::Tracked tracked = capture::track(opened.index, file, s);
  const trace::Trace replay = capture::replay_trace(opened.index, file, s, tracked, stream);
  const int64_t d = capture_one_way_ns(tracked);
  // How long before its capture time each end's segment left it (index 0: the client).
  int64_t lead[2] = {d / 2, d / 2};
  if (tracked.position == capture::Position::NearClient) lead[0] = 0, lead[1] = d;
  if (tracked.position == capture::Position::NearServer) lead[0] = d, lead[1] = 0;
  // Every time moves by d, so that no segment leaves before the file's first packet.
  // What a capture point cannot know is filled in so that cause stays before effect: a
  // segment does not leave before the one captured ahead of it, and arrives no later
  // than the next segment its receiver sends leaves (that one may answer it).
  std::vector<int64_t> depart, arrive;
  std::vector<int> sender;
  for (const trace::TraceEvent& e : replay.events()) {
    if (e.kind() != trace::Ev::FrameSent) continue;
    const int end = e.host == 0 ? 0 : 1;
    sender.push_back(end);
    depart.push_back(std::max(depart.empty() ? 0 : depart.back(), e.t.ns + d - lead[end]));
    arrive.push_back(e.t.ns + d + (d - lead[end]));
  }
  int64_t next_leaves[2] = {INT64_MAX, INT64_MAX};  // by sender, scanning back from the end
  for (size_t j = depart.size(); j-- > 0;) {
    arrive[j] = std::max(std::min(arrive[j], next_leaves[1 - sender[j]]), depart[j] + 1);
    next_leaves[sender[j]] = depart[j];
  }

  Run r;
  r.simulated = true;  // a run the views draw, though read rather than simulated (see capture)
  for (const std::string& h : replay.hosts()) r.trace.add_host(h);
  for (uint32_t id = 1; id <= replay.frame_count(); ++id) {
    trace::FrameRecord f = replay.frame(id);
    f.note = capture_note(f);
    r.trace.add_frame(std::move(f));
  }
  std::vector<trace::TraceEvent> events;
  size_t seg = 0, change = 0;
  int64_t latest = 0;
  for (trace::TraceEvent e : replay.events()) {
    if (auto* fs = std::get_if<trace::FrameSent>(&e.what)) {
      e.t.ns = depart[seg];
      fs->last_bit_ns = depart[seg];
      fs->arrives_ns = arrive[seg];
      latest = depart[seg++];
    } else if (e.kind() == trace::Ev::StateChange && change < tracked.changes.size()) {
      // The replay writes the tracker's changes in its order: the sender of a segment
      // changes state as it sends, its receiver as the segment arrives.
      const capture::InferredChange& c = tracked.changes[change++];
      const size_t j = std::min(c.at, depart.size() - 1);
      e.t.ns = c.end == sender[j] || c.before ? depart[j] : arrive[j];
    } else {
      e.t.ns = latest;  // a note: where the segment it follows left
    }
    events.push_back(std::move(e));
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const trace::TraceEvent& a, const trace::TraceEvent& b) { return a.t.ns < b.t.ns; });
  int64_t end = 0;
  for (trace::TraceEvent& e : events) r.trace.add(std::move(e));
  for (int64_t a : arrive) end = std::max(end, a);

  const capture::Endpoint ends[2] = {s.client, s.server};
  for (int i = 0; i < 2; ++i) {
    HostFacts h;
    h.name = ends[i].str();
    h.ip = wire::Ipv4Addr{ends[i].ip.v6 ? 0 : ends[i].ip.v4()};
    SocketFacts k;
    k.id = 1;
    k.tuple = tcp::FourTuple{h.ip, ends[i].port, wire::Ipv4Addr{ends[1 - i].ip.v6 ? 0 : ends[1 - i].ip.v4()},
                             ends[1 - i].port};
    h.sockets.push_back(k);
    r.hosts.push_back(std::move(h));
  }
  r.timeline = build_timeline(r.trace, 0, 1, end);
  CaptureOrigin o;
  o.file = file_name;
  o.stream = stream;
  o.streams = opened.streams.streams.size();
  o.where = tracked.position == capture::Position::Unknown ? "unknown" : capture::to_string(tracked.position);
  o.where_why = tracked.position_why;
  o.missed_bytes[0] = tracked.missed_bytes[0];
  o.missed_bytes[1] = tracked.missed_bytes[1];
  r.capture = std::move(o);
  return r;
}

}  // namespace synack::analysis
