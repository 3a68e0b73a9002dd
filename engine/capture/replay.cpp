#include "capture/replay.hpp"

#include <algorithm>

#include "capture/analysis.hpp"

namespace synack::capture {

namespace {

std::string artifact_note(uint8_t a, bool received) {
  std::string s;
  auto add = [&](const char* w) { s += (s.empty() ? "" : ", ") + std::string(w); };
  if (a & (artifact::Oversize | artifact::LengthZero)) add("segmentation offload");
  if (a & artifact::BadChecksum) add("checksum wrong");
  if (a & artifact::SnaplenCut) add("payload cut by the snaplen");
  if (!received) add("not seen to arrive");
  return s;
}

}  // namespace

trace::Trace replay_trace(const wire::CaptureFile& cap, wire::ByteView file, const Stream& stream,
                          const Tracked& tracked, size_t stream_index) {
  trace::Trace tr;
  const uint16_t host[2] = {tr.add_host(stream.client.str()), tr.add_host(stream.server.str())};
  int64_t t0 = INT64_MAX;
  for (const wire::CapturedPacket& p : cap.packets) t0 = std::min(t0, p.time_ns);
  auto at = [&](int64_t ns) { return sim::Time{ns - t0}; };
  auto state_event = [&](const InferredChange& c) {
    trace::TraceEvent e = trace::state_change(1, c.from, c.to, c.cause, true);
    e.t = at(c.time_ns);
    e.host = host[c.end];
    e.peer_ip = c.end == 0 ? stream.server.ip.v4() : stream.client.ip.v4();
    tr.add(std::move(e));
  };
  auto note_event = [&](int64_t ns, std::string text) {
    tr.add(trace::TraceEvent{.t = at(ns), .what = trace::Note{.kind = trace::NoteKind::Capture, .words = std::move(text)}});
  };
  const auto& segs = tracked.segments;
  if (!segs.empty()) {
    note_event(segs[0].time_ns, "connection " + std::to_string(stream_index) + ", client " + stream.client.str() +
                                    ", server " + stream.server.str() +
                                    "; both ends' states are inferred from one point on the path");
    note_event(segs[0].time_ns, (tracked.position == Position::Unknown
                                     ? std::string("where the capture was taken is unknown")
                                     : std::string("capture taken ") + to_string(tracked.position)) +
                                    " (" + tracked.position_why + ")");
  }
  const std::vector<Marks> marks = analyze(segs);
  size_t ci = 0, ni = 0;
  for (size_t j = 0; j < segs.size(); ++j) {
    const Segment& s = segs[j];
    while (ci < tracked.changes.size() && tracked.changes[ci].at == j && tracked.changes[ci].before)
      state_event(tracked.changes[ci++]);
    const wire::CapturedPacket& cp = cap.packets[s.packet];
    const wire::ByteView raw = cap.bytes(file, cp);
    trace::FrameRecord fr;
    fr.from_host = host[s.from_client ? 0 : 1];
    fr.bytes.reserve(14 + raw.size() - s.tcp.ip_offset);
    if (cap.link_type(cp) == linktype::Ethernet) fr.bytes.assign(raw.begin(), raw.begin() + 12);
    else fr.bytes.assign(12, 0);
    fr.bytes.push_back(s.tcp.src.ip.v6 ? 0x86 : 0x08);
    fr.bytes.push_back(s.tcp.src.ip.v6 ? 0xdd : 0x00);
    fr.bytes.insert(fr.bytes.end(), raw.begin() + static_cast<std::ptrdiff_t>(s.tcp.ip_offset), raw.end());
    if (std::string words = artifact_note(s.artifacts, s.received); !words.empty())
      fr.note = trace::FrameNote{.kind = trace::FrameNoteKind::Capture, .words = std::move(words)};
    fr.capture_frame = s.packet + 1;
    fr.marks = describe(marks[j], segs);
    trace::TraceEvent e;
    e.t = at(s.time_ns);
    e.host = fr.from_host;
    e.what = trace::FrameSent{};
    e.frame = tr.add_frame(std::move(fr));
    e.conn = 1;
    tr.add(std::move(e));
    while (ci < tracked.changes.size() && tracked.changes[ci].at == j) state_event(tracked.changes[ci++]);
    while (ni < tracked.notes.size() && tracked.notes[ni].at <= j) {
      note_event(s.time_ns, tracked.notes[ni].text);
      ++ni;
    }
  }
  return tr;
}

}  // namespace synack::capture
