#include "capture/tracker.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <tuple>

#include "sim/time_text.hpp"

namespace synack::capture {

namespace {

using tcp::Cause;
using tcp::State;

constexpr uint8_t FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;

bool seq_ge(uint32_t a, uint32_t b) { return static_cast<int32_t>(a - b) >= 0; }

// What one end is known to have done, for the state machine below.
struct EndFacts {
  std::optional<uint32_t> syn_end;  // sequence number after our SYN
  std::optional<uint32_t> fin_end;  // after our FIN
  bool known = false;               // a state has been inferred (else: not seen yet)
  State s = State::Closed;
};

// Byte ranges seen from one end, relative to its first sequence number, to find bytes
// the other end acknowledged that the capture never saw.
struct SeenRanges {
  std::map<int64_t, int64_t> r;  // start -> end, disjoint
  int64_t checked = 0;
  void add(int64_t a, int64_t b) {
    if (b <= a) return;
    auto it = r.upper_bound(a);
    if (it != r.begin() && std::prev(it)->second >= a) {
      --it;
      a = it->first;
      b = std::max(b, it->second);
      it = r.erase(it);
    }
    while (it != r.end() && it->first <= b) {
      b = std::max(b, it->second);
      it = r.erase(it);
    }
    r[a] = b;
  }
  // Bytes in [checked, upto) never seen; checked moves to upto.
  std::vector<std::pair<int64_t, int64_t>> gaps(int64_t upto) {
    std::vector<std::pair<int64_t, int64_t>> g;
    int64_t at = checked;
    auto it = r.upper_bound(at);
    if (it != r.begin() && std::prev(it)->second > at) at = std::prev(it)->second;
    for (; at < upto && it != r.end() && it->first < upto; ++it) {
      if (it->first > at) g.emplace_back(at, it->first);
      at = std::max(at, it->second);
    }
    if (at < upto) g.emplace_back(at, upto);
    if (upto > checked) checked = upto;
    return g;
  }
};

}  // namespace

const char* to_string(Position p) {
  switch (p) {
    case Position::NearClient: return "near the client";
    case Position::NearServer: return "near the server";
    case Position::Unknown: return "unknown";
  }
  return "?";
}

Tracked track(const wire::CaptureFile& cap, wire::ByteView file, const Stream& stream) {
  Tracked out;
  std::vector<Segment>& segs = out.segments;
  segs.reserve(stream.packets.size());
  for (uint32_t pi : stream.packets) {
    const wire::CapturedPacket& cp = cap.packets[pi];
    Decoded d = decode_packet(cap.link_type(cp), cap.bytes(file, cp));
    if (!d.tcp) continue;  // cannot happen: the stream list decoded the same bytes
    Segment s;
    s.packet = pi;
    s.time_ns = cp.time_ns;
    s.tcp = std::move(*d.tcp);
    s.from_client = s.tcp.src == stream.client;
    segs.push_back(std::move(s));
  }
  const size_t n = segs.size();
  auto end_seq = [&](size_t i) { return segs[i].tcp.seq + segs[i].tcp.seq_len(); };
  const auto dir = [&](size_t i) { return segs[i].from_client ? 0 : 1; };

  // ---- Receipts: which segments their receiver got, and where that is placed ----------
  std::vector<std::vector<size_t>> before(n);  // receipts placed just before segment j
  std::vector<bool> after(n, false);           // receipt placed just after the segment itself
  std::vector<size_t> proof(n, SIZE_MAX);      // the receiver's segment that acknowledged it
  {
    std::multimap<uint32_t, size_t> pending[2];  // unacknowledged seq-space segments, by end (relative)
    std::map<std::tuple<uint32_t, uint32_t, int>, size_t> latest[2];  // (seq, end, flags) -> latest copy
    uint32_t base[2] = {0, 0};
    bool have_base[2] = {false, false};
    size_t last_ack_seg[2] = {SIZE_MAX, SIZE_MAX};
    std::map<uint32_t, size_t> last_syn_fin[2];  // our SYN/FIN by seq -> last transmission
    for (size_t j = 0; j < n; ++j) {
      const int a = dir(j), b = 1 - a;
      const TcpPacket& t = segs[j].tcp;
      if (!have_base[a]) {
        base[a] = t.seq;
        have_base[a] = true;
      }
      // This segment's ACK proves receipt of the other end's pending segments it covers.
      if ((t.flags & ACK) && have_base[b]) {
        const uint32_t rel = t.ack - base[b];
        while (!pending[b].empty() && pending[b].begin()->first <= rel && static_cast<int32_t>(rel) >= 0) {
          const size_t i = pending[b].begin()->second;
          pending[b].erase(pending[b].begin());
          if (!segs[i].received) continue;  // superseded by a later copy
          proof[i] = j;
          // Did this end send an ACK between the copy and now? Then it had not got it yet.
          if (last_ack_seg[a] != SIZE_MAX && last_ack_seg[a] > i) before[j].push_back(i);
          else after[i] = true;
        }
        last_ack_seg[a] = j;
      } else if ((t.flags & (SYN | ACK)) == SYN) {
        // A bare SYN opens actively: this end had not received the other's SYN yet.
        last_ack_seg[a] = j;
      }
      if (t.seq_len() > 0) {
        const uint32_t s_rel = t.seq - base[a], e_rel = end_seq(j) - base[a];
        // A copy: the same sequence range and the same SYN, FIN and ACK flags (a SYN,ACK
        // after a bare SYN in a simultaneous open is an answer, not a copy).
        auto key = std::make_tuple(s_rel, e_rel, t.flags & (SYN | FIN | ACK));
        auto it = latest[a].find(key);
        if (it != latest[a].end() && proof[it->second] == SIZE_MAX) segs[it->second].received = false;
        latest[a][key] = j;
        pending[a].emplace(e_rel, j);
        // A SYN or FIN sent again: the other end's pure ACKs of it since the last copy
        // did not arrive (else there would be no need).
        if (t.flags & (SYN | FIN)) {
          auto prev = last_syn_fin[a].find(t.seq);
          if (prev != last_syn_fin[a].end()) {
            for (size_t k = prev->second + 1; k < j; ++k)
              if (dir(k) == b && segs[k].tcp.seq_len() == 0 && (segs[k].tcp.flags & ACK) &&
                  seq_ge(segs[k].tcp.ack, end_seq(j)))
                segs[k].received = false;
          }
          last_syn_fin[a][t.seq] = j;
        }
      }
    }
    // Pure ACKs and RSTs count where they were seen; seq-space segments never
    // acknowledged are not known to have arrived.
    size_t last_of[2] = {SIZE_MAX, SIZE_MAX};
    for (size_t i = 0; i < n; ++i) last_of[dir(i)] = i;
    for (size_t i = 0; i < n; ++i) {
      if (segs[i].tcp.seq_len() == 0) {
        if (segs[i].received) after[i] = true;
      } else if (proof[i] == SIZE_MAX) {
        // Never acknowledged: lost, unless its receiver sent nothing more at all (the
        // capture ends): then, like a pure ACK, it counts where seen.
        const bool receiver_spoke_later = last_of[1 - dir(i)] != SIZE_MAX && last_of[1 - dir(i)] > i;
        if ((segs[i].tcp.flags & ACK) && segs[i].received && !receiver_spoke_later) after[i] = true;
        else segs[i].received = false;
      }
    }
    // One end's segments arrive in the order it sent them: a receipt placed late holds
    // back the receipts of everything that end sent after it. Positions: 2j "just
    // before segment j", 2j+1 "just after it".
    std::vector<size_t> pos(n, SIZE_MAX);
    for (size_t j = 0; j < n; ++j) {
      for (size_t i : before[j]) pos[i] = 2 * j;
      if (after[j]) pos[j] = 2 * j + 1;
    }
    size_t floor[2] = {0, 0};
    for (size_t i = 0; i < n; ++i) {
      if (pos[i] == SIZE_MAX) continue;
      size_t& f = floor[dir(i)];
      pos[i] = std::max(pos[i], f);
      f = pos[i];
    }
    for (size_t j = 0; j < n; ++j) {
      before[j].clear();
      after[j] = false;
    }
    for (size_t i = 0; i < n; ++i) {
      if (pos[i] == SIZE_MAX) continue;
      if (pos[i] % 2) after[pos[i] / 2] = true;  // only a segment's own receipt sits just after it
      else before[pos[i] / 2].push_back(i);
    }
  }

  // ---- The state machine, each end from what it sends and receives ------------------
  EndFacts ends[2];
  auto change = [&](int e, State to, Cause c, size_t at, bool is_before) {
    if (ends[e].known && ends[e].s == to) return;
    out.changes.push_back(InferredChange{at, is_before, e, ends[e].s, to, c, segs[at].time_ns});
    ends[e].s = to;
    ends[e].known = true;
  };
  auto set_from = [&](int e, State from) {
    if (!ends[e].known) {
      ends[e].s = from;
      ends[e].known = true;
    }
  };
  if (n > 0 && !stream.syn && !stream.syn_ack) {
    // Nothing of the handshake: both ends are taken to be past it.
    change(0, State::Established, Cause::Unknown, 0, true);
    change(1, State::Established, Cause::Unknown, 0, true);
    out.notes.push_back({0, segs[0].time_ns,
                         "the capture starts mid-connection (no handshake seen): both ends taken as ESTABLISHED, "
                         "their states inferred from what is seen from here on"});
  }
  auto on_send = [&](size_t j) {
    const int e = dir(j);
    const TcpPacket& t = segs[j].tcp;
    EndFacts& me = ends[e];
    if (t.flags & RST) {
      if (me.known && tcp::synchronized(me.s)) change(e, State::Closed, Cause::Aborted, j, true);
      else if (me.known && me.s == State::SynSent) change(e, State::Closed, Cause::Aborted, j, true);
      return;
    }
    if (t.flags & SYN) {
      me.syn_end = t.seq + 1;
      if (!(t.flags & ACK)) {
        if (!me.known || me.s == State::Closed) change(e, State::SynSent, Cause::ConnectSendsSyn, j, true);
      } else if (!me.known || me.s == State::Closed || me.s == State::Listen) {
        // A SYN,ACK whose SYN the capture did not show being received.
        set_from(e, State::Listen);
        change(e, State::SynReceived, Cause::SynInListen, j, true);
      }
    }
    if (t.flags & FIN) {
      if (!me.fin_end) me.fin_end = end_seq(j);
      if (me.s == State::Established || me.s == State::SynReceived) change(e, State::FinWait1, Cause::CloseSendsFin, j, true);
      else if (me.s == State::CloseWait) change(e, State::LastAck, Cause::CloseSendsFin, j, true);
    }
  };
  auto on_receive = [&](size_t i, size_t at, bool is_before) {
    const int e = 1 - dir(i);
    const TcpPacket& t = segs[i].tcp;
    EndFacts& me = ends[e];
    if (t.flags & RST) {
      if (me.known && me.s == State::SynSent) change(e, State::Closed, Cause::Refused, at, is_before);
      else if (me.known && me.s != State::Closed && me.s != State::Listen) change(e, State::Closed, Cause::Reset, at, is_before);
      return;
    }
    if (t.flags & SYN) {
      if (!(t.flags & ACK)) {
        // A SYN answered with a RST found no listener: no state to track.
        if (proof[i] != SIZE_MAX && (segs[proof[i]].tcp.flags & RST)) return;
        if (me.known && me.s == State::SynSent) {
          change(e, State::SynReceived, Cause::SimultaneousOpen, at, is_before);
        } else if (!me.known || me.s == State::Closed || me.s == State::Listen) {
          set_from(e, State::Listen);
          change(e, State::SynReceived, Cause::SynInListen, at, is_before);
        }
        return;
      }
      set_from(e, State::SynSent);  // a SYN,ACK to an end whose SYN the capture missed
      if (me.s == State::SynSent) {
        change(e, State::Established, Cause::SynAckReceived, at, is_before);
        return;
      }
    }
    const bool acks_syn = (t.flags & ACK) && me.syn_end && seq_ge(t.ack, *me.syn_end);
    const bool acks_fin = (t.flags & ACK) && me.fin_end && seq_ge(t.ack, *me.fin_end);
    const bool fin = (t.flags & FIN) != 0;
    if (me.s == State::SynReceived && acks_syn)
      change(e, State::Established, t.payload_length ? Cause::DataAckedSynAck : Cause::AckOfSynAck, at, is_before);
    if (me.s == State::FinWait1 && acks_fin) {
      if (fin) {
        change(e, State::TimeWait, Cause::FinAckTogether, at, is_before);
        return;
      }
      change(e, State::FinWait2, Cause::OurFinAcked, at, is_before);
    } else if (me.s == State::Closing && acks_fin) {
      change(e, State::TimeWait, Cause::OurFinAckedInClosing, at, is_before);
    } else if (me.s == State::LastAck && acks_fin) {
      change(e, State::Closed, Cause::Closed, at, is_before);
      return;
    }
    if (!fin) return;
    if (me.s == State::Established || me.s == State::SynReceived) change(e, State::CloseWait, Cause::FinReceived, at, is_before);
    else if (me.s == State::FinWait1) change(e, State::Closing, Cause::SimultaneousClose, at, is_before);
    else if (me.s == State::FinWait2) change(e, State::TimeWait, Cause::FinReceived, at, is_before);
  };

  // Each end's MSS, from its SYN: what the other end may send it per segment.
  std::optional<uint16_t> mss[2];
  for (const Segment& s : segs)
    if ((s.tcp.flags & SYN) && !mss[s.from_client ? 0 : 1]) mss[s.from_client ? 0 : 1] = s.tcp.mss.value_or(536);

  SeenRanges seen[2];
  uint32_t base[2] = {0, 0};
  bool have_base[2] = {false, false};
  uint8_t noted[2] = {0, 0};
  for (size_t j = 0; j < n; ++j) {
    for (size_t i : before[j]) on_receive(i, j, true);
    on_send(j);
    Segment& s = segs[j];
    const int a = dir(j), b = 1 - a;
    const TcpPacket& t = s.tcp;
    if (!have_base[a]) {
      base[a] = t.seq;
      have_base[a] = true;
    }
    const int64_t rs = static_cast<int32_t>(t.seq - base[a]);
    seen[a].add(rs, rs + t.seq_len());
    if (mss[b] && t.payload_length > *mss[b]) s.artifacts |= artifact::Oversize;
    if (t.checksum == ChecksumStatus::Bad) s.artifacts |= artifact::BadChecksum;
    if (t.payload_captured < t.payload_length) s.artifacts |= artifact::SnaplenCut;
    if (t.ip_length_zero) s.artifacts |= artifact::LengthZero;
    for (int k = 0; k < 4; ++k)
      if (s.artifacts & (1 << k)) ++out.artifact_counts[a][k];
    const std::string who = a == 0 ? "the client" : "the server";
    const uint8_t fresh = s.artifacts & ~noted[a];
    noted[a] |= s.artifacts;
    if (fresh & (artifact::Oversize | artifact::LengthZero))
      out.notes.push_back({j, s.time_ns,
                           std::to_string(t.payload_length) + " bytes in one segment from " + who +
                               (mss[b] ? ", more than the MSS of " + std::to_string(*mss[b]) : std::string()) +
                               ": segmentation offload (TSO/GSO) on the capturing host hands the NIC one large "
                               "segment that it cuts into MSS-sized frames after the capture point; not an error"});
    if (fresh & artifact::SnaplenCut)
      out.notes.push_back({j, s.time_ns,
                           "the capture kept " + std::to_string(t.payload_captured) + " of " +
                               std::to_string(t.payload_length) + " payload bytes: its snaplen cut the rest; "
                               "sequence numbers and lengths still come from the headers"});
    // Bytes of the other end acknowledged here but never seen.
    if ((t.flags & ACK) && have_base[b]) {
      const int32_t rel = static_cast<int32_t>(t.ack - base[b]);
      if (rel > 0)
        for (auto [x, y] : seen[b].gaps(rel)) {
          out.missed_bytes[b] += static_cast<uint64_t>(y - x);
          out.notes.push_back({j, s.time_ns,
                               "the capture missed " + std::to_string(y - x) + " bytes from " +
                                   (b == 0 ? "the client" : "the server") + " (relative seq " + std::to_string(x) +
                                   ":" + std::to_string(y) + "), acknowledged here but never seen: lost before "
                                   "the capture point's copy, or dropped by the capture"});
        }
    }
    if (after[j]) on_receive(j, j, false);
    s.state[0] = ends[0].s;
    s.state[1] = ends[1].s;
  }

  // ---- Where the capture was taken, from the handshake's two gaps ---------------------
  size_t syn = SIZE_MAX, synack = SIZE_MAX, ack3 = SIZE_MAX;
  for (size_t j = 0; j < n; ++j) {
    const uint8_t f = segs[j].tcp.flags & (SYN | ACK | RST | FIN);
    if (synack == SIZE_MAX && segs[j].from_client && f == SYN) syn = j;
    else if (syn != SIZE_MAX && synack == SIZE_MAX && !segs[j].from_client && f == (SYN | ACK)) synack = j;
    else if (synack != SIZE_MAX && segs[j].from_client && (f & ACK) && !(f & SYN)) {
      ack3 = j;
      break;
    }
  }
  if (ack3 == SIZE_MAX) {
    out.position_why = "no complete handshake seen, so no timing to go by";
  } else {
    const int64_t g1 = segs[synack].time_ns - segs[syn].time_ns, g2 = segs[ack3].time_ns - segs[synack].time_ns;
    // In the one time formatter, to the microsecond: "SYN to SYN,ACK 0.01 s".
    const auto gap = [](int64_t g) { return sim::seconds_text(g, {.decimals = 6, .trim = true}); };
    const std::string gaps = "SYN to SYN,ACK " + gap(g1) + ", SYN,ACK to ACK " + gap(g2);
    // The gaps are the file's word (either may be near +-2^63, or negative when the file
    // is out of time order): compared in 128 bits, never overflowing.
    const auto four_times = [](int64_t g) { return 4 * static_cast<__int128>(g); };
    if (g1 > four_times(g2)) {
      out.position = Position::NearClient;
      out.position_why = gaps + ": the round trip lies between SYN and SYN,ACK, the client answered at once";
    } else if (g2 > four_times(g1)) {
      out.position = Position::NearServer;
      out.position_why = gaps + ": the server answered at once, the round trip lies between SYN,ACK and ACK";
    } else {
      out.position_why = gaps + ": alike, so the middle of the path, or each frame stamped by its own sender";
    }
  }
  // Wrong checksums: offload where the capturing host sent them, otherwise said as seen.
  for (int a = 0; a < 2; ++a) {
    const uint32_t bad = out.artifact_counts[a][1];
    if (!bad) continue;
    uint32_t checked = 0;
    size_t first = SIZE_MAX;
    for (size_t j = 0; j < n; ++j)
      if (dir(j) == a && segs[j].tcp.checksum != ChecksumStatus::Unchecked) {
        ++checked;
        if (first == SIZE_MAX && (segs[j].artifacts & artifact::BadChecksum)) first = j;
      }
    const bool near_sender = out.position == (a == 0 ? Position::NearClient : Position::NearServer);
    const std::string who = a == 0 ? "the client" : "the server";
    std::string text = std::to_string(bad) + " of " + std::to_string(checked) + " checksummed segments from " + who +
                       " have a wrong TCP checksum: ";
    if (near_sender || bad == checked)
      text += "checksum offload: " + who + " is most likely the capturing host, whose NIC fills the checksum in "
              "after the capture point; not an error";
    else
      text += "corrupted on the way, or offloaded for part of the traffic";
    out.notes.push_back({first, segs[first].time_ns, text});
  }
  std::stable_sort(out.notes.begin(), out.notes.end(),
                   [](const CaptureNote& x, const CaptureNote& y) { return x.at < y.at; });
  return out;
}

}  // namespace synack::capture
