#include "trace/export.hpp"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>

#include "wire/frame.hpp"
#include "wire/pcap.hpp"
#include "wire/pcapng.hpp"

namespace synack::trace {

namespace {

std::string tcpdump_flags(uint8_t f) {
  using namespace wire::tcpflag;
  std::string s;
  if (f & SYN) s += 'S';
  if (f & FIN) s += 'F';
  if (f & RST) s += 'R';
  if (f & PSH) s += 'P';
  if (f & URG) s += 'U';
  if (f & ACK) s += '.';
  return s.empty() ? "none" : s;
}

std::string options_text(const wire::TcpOptions& o) {
  std::string s;
  for (const wire::OptionSpan& sp : o.layout) {
    if (!s.empty()) s += ',';
    switch (sp.kind) {
      case wire::tcpopt::EOL: s += "eol"; break;
      case wire::tcpopt::NOP: s += "nop"; break;
      case wire::tcpopt::MSS: s += "mss " + std::to_string(o.mss.value_or(0)); break;
      case wire::tcpopt::WSCALE: s += "wscale " + std::to_string(o.window_scale.value_or(0)); break;
      case wire::tcpopt::SACK_PERMITTED: s += "sackOK"; break;
      case wire::tcpopt::SACK: {
        s += "sack " + std::to_string(o.sack.size());
        for (const auto& b : o.sack) s += " {" + std::to_string(b.left) + ":" + std::to_string(b.right) + "}";
        break;
      }
      case wire::tcpopt::TIMESTAMPS:
        s += "TS val " + std::to_string(o.timestamps ? o.timestamps->value : 0) + " ecr " +
             std::to_string(o.timestamps ? o.timestamps->echo_reply : 0);
        break;
      default: s += "unknown-" + std::to_string(sp.kind); break;
    }
  }
  return s;
}

// Seconds with nine decimals: exact nanoseconds. `width` pads the integer part so
// that the columns of the text trace line up.
std::string seconds(int64_t ns, int width = 0) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%*lld.%09lld", width, static_cast<long long>(ns / 1000000000),
                static_cast<long long>(ns % 1000000000));
  return buf;
}

// Per direction of each connection: the ISN, learnt from the first SYN seen.
using Dir = std::tuple<uint32_t, uint16_t, uint32_t, uint16_t>;

struct Relativizer {
  std::map<Dir, uint32_t> isn;
  void learn(const wire::DecodedFrame& f) {
    if (!f.tcp || !f.tcp->has(wire::tcpflag::SYN)) return;
    isn[Dir{f.ip->src.v, f.tcp->src_port, f.ip->dst.v, f.tcp->dst_port}] = f.tcp->seq;
  }
  std::pair<uint32_t, uint32_t> get(const wire::DecodedFrame& f) const {
    auto a = isn.find(Dir{f.ip->src.v, f.tcp->src_port, f.ip->dst.v, f.tcp->dst_port});
    auto b = isn.find(Dir{f.ip->dst.v, f.tcp->dst_port, f.ip->src.v, f.tcp->src_port});
    return {a == isn.end() ? 0 : a->second, b == isn.end() ? 0 : b->second};
  }
};

std::string describe_decoded(const wire::DecodedFrame& f, uint32_t isn_fwd, uint32_t isn_rev) {
  if (f.arp) {
    return std::string("ARP ") + (f.arp->op == wire::ArpPacket::Request ? "who-has " : "reply ") +
           f.arp->target_ip.str() + " tell " + f.arp->sender_ip.str();
  }
  const wire::TcpSegment& s = *f.tcp;
  std::string out = f.ip->src.str() + "." + std::to_string(s.src_port) + " > " + f.ip->dst.str() + "." +
                    std::to_string(s.dst_port) + ": Flags [" + tcpdump_flags(s.flags) + "]";
  const uint32_t len = static_cast<uint32_t>(s.payload.size());
  const uint32_t seq = s.seq - isn_fwd;
  if (len > 0 || (s.flags & (wire::tcpflag::SYN | wire::tcpflag::FIN | wire::tcpflag::RST)))
    out += ", seq " + std::to_string(seq) + (len ? ":" + std::to_string(seq + len) : "");
  if (s.has(wire::tcpflag::ACK)) out += ", ack " + std::to_string(s.ack - isn_rev);
  out += ", win " + std::to_string(s.window);
  if (!s.options.layout.empty()) out += ", options [" + options_text(s.options) + "]";
  out += ", length " + std::to_string(len);
  return out;
}

}  // namespace

std::string describe_frame(const wire::Bytes& frame, uint32_t isn_fwd, uint32_t isn_rev) {
  auto f = wire::decode_frame(frame, false);
  if (!f) return "undecodable frame: " + f.error().message();
  return describe_decoded(*f, isn_fwd, isn_rev);
}

std::string to_text(const Trace& t, TextOptions opts) {
  std::string out;
  Relativizer rel;
  for (const TraceEvent& e : t.events()) {
    // The host's name in a column; a long one ("client97") still gets a space after it.
    std::string line = seconds(e.t.ns, 4) + " " + t.host_name(e.host) + " ";
    while (line.size() < 23) line += ' ';
    switch (e.kind) {
      case Ev::FrameSent:
      case Ev::FrameDropped:
      case Ev::FrameReceived:
      case Ev::FrameDelivered:
      case Ev::FaultApplied: {
        if (e.kind == Ev::FrameReceived || e.kind == Ev::FrameDelivered) continue;  // the wire view: sends and deaths
        const FrameRecord& fr = t.frame(e.frame);
        auto f = wire::decode_frame(fr.bytes, false);
        std::string what;
        if (f) {
          // A hand-made SYN is not its sender's opening: numbers stay relative to the real ISN.
          if (opts.relative_seq && fr.note != kHandmadeFrameNote) rel.learn(*f);
          const auto isn = f->tcp && opts.relative_seq ? rel.get(*f) : std::pair<uint32_t, uint32_t>{0, 0};
          what = describe_decoded(*f, isn.first, isn.second);
        } else {
          what = "undecodable frame: " + f.error().message();
        }
        if (e.kind == Ev::FrameSent) {
          line += "#" + std::to_string(e.frame) + " " + what;
          if (!fr.note.empty()) line += "  (" + fr.note + ")";
          for (const std::string& m : fr.marks) line += "  [" + m + "]";
        } else if (e.kind == Ev::FaultApplied) {
          line += "#" + std::to_string(e.frame) + " " + e.text;
        } else {
          line += "#" + std::to_string(e.frame) + " DROPPED (" + e.text + ")";
        }
        break;
      }
      case Ev::StateChange:
        line += "conn " + std::to_string(e.conn) + " " + e.text + "  [" + e.detail + "]";
        break;
      case Ev::TimerArmed:
        line += "conn " + std::to_string(e.conn) + " timer " + e.text + " armed, fires at " + seconds(e.value);
        break;
      case Ev::TimerCancelled:
        line += "conn " + std::to_string(e.conn) + " timer " + e.text + " cancelled";
        break;
      case Ev::TimerFired:
        line += "conn " + std::to_string(e.conn) + " timer " + e.text + " fired";
        break;
      case Ev::AppCall:
        line += "app " + std::to_string(e.conn) + " " + e.text;
        break;
      case Ev::AppResult:
        line += "app " + std::to_string(e.conn) + " <- " + e.text;
        break;
      case Ev::Tcb: {
        if (!opts.tcb) continue;
        const TcbSnapshot& v = t.tcb_snapshots()[static_cast<size_t>(e.value)];
        line += "conn " + std::to_string(e.conn) + " tcb snd.una=" + std::to_string(v.snd_una - v.iss) +
                " snd.nxt=" + std::to_string(v.snd_nxt - v.iss) + " snd.wnd=" + std::to_string(v.snd_wnd) +
                " rcv.nxt=" + std::to_string(v.rcv_nxt - v.irs) + " cwnd=" + std::to_string(v.cwnd) +
                " rto=" + std::to_string(v.rto_ns / 1000000) + "ms";
        break;
      }
      case Ev::Memory:
        line += "memory " + std::to_string(e.value) + " bytes in " + std::to_string(e.value2) + " connections";
        break;
      case Ev::LinkState:
      case Ev::Note:
        line += e.text;
        break;
      case Ev::NicCounters:
        line += "NIC drops: filter " + std::to_string(e.value) + ", rx ring " + std::to_string(e.value2);
        break;
    }
    out += line;
    out += '\n';
  }
  return out;
}

std::string to_json_lines(const Trace& t) {
  std::string out;
  for (const TraceEvent& e : t.events()) {
    nlohmann::ordered_json j;
    j["t_ns"] = e.t.ns;
    j["host"] = t.host_name(e.host);
    j["ev"] = to_string(e.kind);
    if (e.frame) {
      j["frame"] = e.frame;
      const FrameRecord& fr = t.frame(e.frame);
      auto f = wire::decode_frame(fr.bytes, false);
      if (f && f->tcp) {
        j["src"] = f->ip->src.str() + ":" + std::to_string(f->tcp->src_port);
        j["dst"] = f->ip->dst.str() + ":" + std::to_string(f->tcp->dst_port);
        j["flags"] = wire::flags_string(f->tcp->flags);
        j["seq"] = f->tcp->seq;
        j["ack"] = f->tcp->ack;
        j["win"] = f->tcp->window;
        j["len"] = f->tcp->payload.size();
      }
      if (!fr.note.empty()) j["note"] = fr.note;
      if (fr.capture_frame) j["capture_frame"] = fr.capture_frame;
      if (!fr.marks.empty()) j["marks"] = fr.marks;
    }
    if (e.reason != DropReason::None) j["reason"] = to_string(e.reason);
    if (e.conn) j["conn"] = e.conn;
    if (e.kind == Ev::Tcb) {
      const TcbSnapshot& v = t.tcb_snapshots()[static_cast<size_t>(e.value)];
      j["snd_una"] = v.snd_una;
      j["snd_nxt"] = v.snd_nxt;
      j["snd_wnd"] = v.snd_wnd;
      j["rcv_nxt"] = v.rcv_nxt;
      j["rcv_wnd"] = v.rcv_wnd;
      j["cwnd"] = v.cwnd;
      j["ssthresh"] = v.ssthresh;
      j["rto_ns"] = v.rto_ns;
      j["srtt_ns"] = v.srtt_ns;
    } else if (e.kind != Ev::FrameSent && e.kind != Ev::FrameReceived && e.kind != Ev::FrameDelivered) {
      if (e.value || e.value2) {
        j["value"] = e.value;
        j["value2"] = e.value2;
      }
    }
    if (!e.text.empty()) j["text"] = e.text;
    if (!e.detail.empty()) j["detail"] = e.detail;
    out += j.dump();
    out += '\n';
  }
  return out;
}

namespace {

// What happened to a frame after it left, as a capture comment.
std::string fate_comment(const Trace& t, const TraceEvent& e) {
  if (e.kind == Ev::FaultApplied) return "on the cable: " + e.text;
  if (e.detail == "cable" || e.reason == DropReason::LinkDown) return "dropped on the cable: " + e.text;
  if (e.host == kNoHost) return "dropped in the network: " + e.text;
  return "dropped at " + t.host_name(e.host) + ": " + e.text;
}

}  // namespace

wire::Bytes to_pcapng(const Trace& t, uint16_t at_host) {
  // The frame a copy was made from, up to the one its sender sent.
  auto root = [&](uint32_t id) {
    for (int hops = 0; hops < 16 && t.frame(id).copy_of; ++hops) id = t.frame(id).copy_of;
    return id;
  };
  if (at_host != kNoHost) {
    wire::PcapngWriter w(t.host_name(at_host));
    // A drop by the host after its NIC took the frame (a bad checksum): said on that frame.
    std::unordered_map<uint32_t, std::string> dropped_here;
    for (const TraceEvent& e : t.events())
      if (e.kind == Ev::FrameDropped && e.host == at_host && e.reason != DropReason::RxRingFull &&
          e.reason != DropReason::MacFilter && e.reason != DropReason::TxQueueFull)
        dropped_here[e.frame] = fate_comment(t, e);
    for (const TraceEvent& e : t.events()) {
      if (e.host != at_host || (e.kind != Ev::FrameSent && e.kind != Ev::FrameReceived)) continue;
      const FrameRecord& fr = t.frame(e.frame);
      std::vector<std::string> comments;
      if (e.kind == Ev::FrameReceived && fr.copy_of)
        comments.push_back("a copy made on the cable of frame #" + std::to_string(root(e.frame)));
      if (!fr.note.empty()) comments.push_back(fr.note);
      if (e.kind == Ev::FrameReceived) {
        auto d = dropped_here.find(e.frame);
        if (d != dropped_here.end()) comments.push_back(d->second);
      }
      w.add(e.t.ns, fr.bytes, comments);
    }
    return w.bytes();
  }
  // The cable: first what became of each frame (and of its copies), then the frames.
  std::unordered_map<uint32_t, std::vector<std::string>> fate;
  std::unordered_map<uint32_t, int> reached;  // how many NICs took it in (a switch floods)
  std::unordered_map<uint32_t, std::vector<std::string>> filtered;
  for (const TraceEvent& e : t.events()) {
    if (e.kind != Ev::FaultApplied && e.kind != Ev::FrameDropped && e.kind != Ev::FrameReceived) continue;
    const uint32_t r = root(e.frame);
    const std::string copy = e.frame != r ? "its copy " : "";
    if (e.kind == Ev::FrameReceived) {
      ++reached[r];
      continue;
    }
    std::string c = fate_comment(t, e);
    if (e.reason == DropReason::MacFilter) {
      // A frame flooded past other hosts is no news, unless it reached nobody.
      filtered[r].push_back(copy + c);
      continue;
    }
    std::vector<std::string>& f = fate[r];
    // A fault that drops says so once, as the drop.
    if (e.kind == Ev::FrameDropped && !f.empty() && f.back() == copy + "on the cable: " + e.text) f.pop_back();
    f.push_back(copy + c);
  }
  wire::PcapngWriter w("cable");
  for (const TraceEvent& e : t.events()) {
    if (e.kind != Ev::FrameSent) continue;
    const FrameRecord& fr = t.frame(e.frame);
    std::vector<std::string> comments;
    if (!fr.note.empty()) comments.push_back(fr.note);
    auto f = fate.find(e.frame);
    if (f != fate.end()) comments.insert(comments.end(), f->second.begin(), f->second.end());
    auto m = filtered.find(e.frame);
    if (m != filtered.end() && !reached.count(e.frame)) comments.insert(comments.end(), m->second.begin(), m->second.end());
    w.add(e.t.ns, fr.bytes, comments);
  }
  return w.bytes();
}

wire::Bytes to_pcap(const Trace& t) {
  wire::PcapWriter w;
  for (const TraceEvent& e : t.events())
    if (e.kind == Ev::FrameSent) w.add(e.t.ns, t.frame(e.frame).bytes);
  return w.bytes();
}

}  // namespace synack::trace
