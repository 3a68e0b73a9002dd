#include "capture/analysis.hpp"

#include <algorithm>

namespace synack::capture {

namespace {

constexpr uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kAck = 0x10;

// Sequence-space comparisons, modulo 2^32 (packet-tcp.h's GT_SEQ, LT_SEQ, LE_SEQ).
bool gt_seq(uint32_t x, uint32_t y) { return static_cast<int32_t>(y - x) < 0; }
bool lt_seq(uint32_t x, uint32_t y) { return static_cast<int32_t>(x - y) < 0; }
bool le_seq(uint32_t x, uint32_t y) { return static_cast<int32_t>(x - y) <= 0; }

// What Wireshark remembers of one direction. A sequence number or time of 0 means "not
// seen yet", as it does there (so a real 0 is taken for unset, as Wireshark takes it).
struct Flow {
  uint32_t nextseq = 0;          // the highest sequence number sent, plus its length
  int64_t nextseq_time = 0;      // when nextseq last moved
  uint32_t maxseqtobeacked = 0;  // the end of what was sent without a hole
  uint32_t lastack = 0;
  int64_t lastack_time = 0;
  uint32_t window = UINT32_MAX;  // the last window field, unscaled; "none yet" is not 0
  uint16_t lastsegmentflags = 0; // the marks of this direction's last segment
  int dupacknum = 0;             // -1: an ACKed-unseen-segment mark is being held back
  size_t lastnondupack = 0;      // the segment the duplicates repeat
  struct Unacked { uint32_t seq, nextseq; };
  std::vector<Unacked> unacked;  // only counted: Wireshark stops adding at 10000
};
constexpr size_t kMaxUnacked = 10000;  // packet-tcp.h TCP_MAX_UNACKED_SEGMENTS

}  // namespace

std::vector<Marks> analyze(const std::vector<Segment>& segments) {
  std::vector<Marks> out(segments.size());
  Flow flow[2];  // sent by the client, by the server
  int64_t mru_syn = 0, first_rtt = 0;
  for (size_t i = 0; i < segments.size(); ++i) {
    const Segment& sg = segments[i];
    Flow& fwd = flow[sg.from_client ? 0 : 1];
    Flow& rev = flow[sg.from_client ? 1 : 0];
    Marks& m = out[i];
    const uint32_t seq = sg.tcp.seq, ack = sg.tcp.ack, seglen = sg.tcp.payload_length, window = sg.tcp.window;
    const uint8_t flags = sg.tcp.flags;
    const bool syn_fin_rst = (flags & (kSyn | kFin | kRst)) != 0;
    const int64_t now = sg.time_ns;
    const bool same_seq_ack = seq == fwd.nextseq && ack == fwd.lastack;

    // The marks before finished_fwd in tcp_analyze_sequence_number; a zero window probe
    // or the ACK of a keep-alive or of a probe skips the rest of them.
    [&] {
      // "the sequence number is the next expected one, the window in the other direction
      // is 0, the segment is exactly 1 byte"
      if (seglen == 1 && seq == fwd.nextseq && rev.window == 0) {
        m.set(Mark::ZeroWindowProbe);
        return;
      }
      // "window == 0 but none of the SYN/FIN/RST set"
      if (window == 0 && (flags & (kRst | kFin | kSyn)) == 0) m.set(Mark::ZeroWindow);
      // "beyond the last seen nextseq ... only if we have seen segments prior; RST
      // packets are not checked"
      if (fwd.nextseq && gt_seq(seq, fwd.nextseq) && (flags & kRst) == 0) m.set(Mark::LostSegment);
      // "0 or 1 bytes of data and starts one byte prior to what should be the next
      // sequence number; SYN/FIN/RST segments are never keepalives"
      if (seglen <= 1 && seq == fwd.nextseq - 1 && !syn_fin_rst) m.set(Mark::KeepAlive);
      // "a 0 byte segment with the same SEQ/ACK numbers as the previous seen segment and
      // with a new window value"
      if (seglen == 0 && window && window != fwd.window && same_seq_ack && !syn_fin_rst) m.set(Mark::WindowUpdate);
      // "repeats the previous ACK and the last segment in the reverse direction was a keepalive"
      if (seglen == 0 && window && window == fwd.window && same_seq_ack &&
          (rev.lastsegmentflags & static_cast<uint16_t>(Mark::KeepAlive)) && !syn_fin_rst) {
        m.set(Mark::KeepAliveAck);
        return;
      }
      // "repeats the previous ACK and the last segment in the reverse direction was a
      // zerowindowprobe; it also repeats the previous zero window indication"
      if (seglen == 0 && window == 0 && window == fwd.window && same_seq_ack &&
          (rev.lastsegmentflags & static_cast<uint16_t>(Mark::ZeroWindowProbe)) && !syn_fin_rst) {
        m.set(Mark::ZeroWindowProbeAck);
        return;
      }
      // "window/seq/ack is the same as the previous segment and the segment length is 0"
      if (seglen == 0 && window && window == fwd.window && same_seq_ack && !syn_fin_rst) {
        fwd.dupacknum = fwd.dupacknum == -1 ? 1 : fwd.dupacknum + 1;
        m.set(Mark::DuplicateAck);
        m.dup_ack_num = static_cast<uint32_t>(fwd.dupacknum);
        m.dup_ack_of = fwd.lastnondupack;
      }
    }();
    // "If the ack number changed we must reset the dupack counters"
    if (ack != fwd.lastack) {
      fwd.lastnondupack = i;
      fwd.dupacknum = 0;
    }
    // "acks beyond the 'max seq to be acked' in the other direction: we have missed
    // packets going in the other direction", said once per hole.
    if (rev.maxseqtobeacked && gt_seq(ack, rev.maxseqtobeacked) && (flags & kAck)) {
      if (lt_seq(rev.maxseqtobeacked, rev.nextseq)) {
        rev.maxseqtobeacked = rev.nextseq;
        m.set(Mark::AckedUnseen);
      } else {
        if (rev.dupacknum == 0) m.set(Mark::AckedUnseen);
        rev.dupacknum = -1;
      }
    }
    // "If the segment contains data (or is a SYN or a FIN) and if it does not advance
    // the sequence number", it is a retransmission of one kind, or out of order; "a
    // simple KeepAlive is not a retransmission".
    if ((seglen > 0 || (flags & (kSyn | kFin))) && !m.has(Mark::KeepAlive)) {
      bool not_advanced = fwd.nextseq && lt_seq(seq, fwd.nextseq);
      // "larger than one (it really adds new data), one less than the previous nextseq
      // (the previous segment is possibly a zero window probe)"
      if (seglen > 1 && fwd.nextseq - 1 == seq) not_advanced = false;
      if (seglen > 0 && rev.lastack && le_seq(seq + seglen, rev.lastack)) {
        // "seq + segment length is less than or equal to the current lastack: the
        // packet contains duplicate data"
        m.set(Mark::SpuriousRetransmission);
      } else if (not_advanced && rev.dupacknum >= 2 && rev.lastack == seq &&
                 static_cast<uint64_t>(now - rev.lastack_time) < 20000000) {
        // ">=2 duplicate ACKs in the reverse direction, this sequence number matches
        // those ACKs, within 20ms of the last duplicate ack" (fast retransmission is
        // checked first: Wireshark's default tcp.fastrt_supersedes_ooo)
        m.set(Mark::FastRetransmission);
      } else if (not_advanced &&
                 static_cast<uint64_t>(now - fwd.nextseq_time) <
                     static_cast<uint64_t>(first_rtt == 0 ? 3000000 : first_rtt) &&
                 fwd.nextseq != seq + seglen + ((flags & (kSyn | kFin)) ? 1 : 0)) {
        // "came relatively close since the segment with the highest seen sequence
        // number" (within the handshake's RTT, else 3 ms) "and doesn't look like a
        // retransmission"
        m.set(Mark::OutOfOrder);
      } else if (not_advanced) {
        m.set(Mark::Retransmission);
      }
    }
    // finished_checking_retransmission_type: what this segment leaves behind.
    uint32_t nextseq = seq + seglen;
    if ((seglen || (flags & (kSyn | kFin))) && fwd.unacked.size() < kMaxUnacked) {
      // SYN and FIN count one, but only for a segment that also enters the unacked list.
      if (flags & (kSyn | kFin)) nextseq += 1;
      fwd.unacked.push_back({seq, nextseq});
    }
    // "ZeroWindowProbes are special and don't really advance the nextseq"
    const bool probe = m.has(Mark::ZeroWindowProbe);
    if ((gt_seq(nextseq, fwd.nextseq) || !fwd.nextseq) && !probe) {
      fwd.nextseq = nextseq;
      fwd.nextseq_time = now;
    }
    if ((seq == fwd.maxseqtobeacked || !fwd.maxseqtobeacked) && !probe) fwd.maxseqtobeacked = fwd.nextseq;
    fwd.window = window;
    fwd.lastack = ack;
    fwd.lastack_time = now;
    fwd.lastsegmentflags = m.bits;
    // The other direction's segments this acknowledges leave its unacked list.
    auto& ual = rev.unacked;
    ual.erase(std::remove_if(ual.begin(), ual.end(),
                             [&](Flow::Unacked& u) {
                               if (ack != u.nextseq && gt_seq(ack, u.seq) && le_seq(ack, u.nextseq)) {
                                 u.seq = ack;  // part of it acknowledged
                                 return false;
                               }
                               return !gt_seq(u.nextseq, ack);
                             }),
              ual.end());
    // The handshake's round trip, for the out-of-order rule: from the latest SYN to the
    // first pure ACK after it (dissect_tcp, after the analysis of the segment).
    if ((flags & (kSyn | kAck)) == kAck && mru_syn != 0 && first_rtt == 0) first_rtt = now - mru_syn;
    if ((flags & (kSyn | kAck)) == kSyn) mru_syn = now;
  }
  return out;
}

std::vector<trace::Mark> describe(const Marks& m, const std::vector<Segment>& segments) {
  using K = trace::MarkKind;
  std::vector<trace::Mark> w;
  // Wireshark's order of tcp_print_sequence_number_analysis.
  if (m.has(Mark::Retransmission)) w.push_back({K::Retransmission});
  if (m.has(Mark::FastRetransmission)) w.push_back({K::FastRetransmission});
  if (m.has(Mark::SpuriousRetransmission)) w.push_back({K::SpuriousRetransmission});
  if (m.has(Mark::OutOfOrder)) w.push_back({K::OutOfOrder});
  if (m.has(Mark::LostSegment)) w.push_back({K::PreviousSegmentNotCaptured});
  if (m.has(Mark::AckedUnseen)) w.push_back({K::AckedUnseenSegment});
  if (m.has(Mark::WindowUpdate)) w.push_back({K::WindowUpdate});
  if (m.has(Mark::KeepAlive)) w.push_back({K::KeepAlive});
  if (m.has(Mark::KeepAliveAck)) w.push_back({K::KeepAliveAck});
  if (m.has(Mark::DuplicateAck))
    w.push_back({K::DuplicateAck, m.dup_ack_num,
                 static_cast<uint32_t>(m.dup_ack_of < segments.size() ? segments[m.dup_ack_of].packet + 1 : 0)});
  if (m.has(Mark::ZeroWindowProbe)) w.push_back({K::ZeroWindowProbe});
  if (m.has(Mark::ZeroWindow)) w.push_back({K::ZeroWindow});
  if (m.has(Mark::ZeroWindowProbeAck)) w.push_back({K::ZeroWindowProbeAck});
  return w;
}

}  // namespace synack::capture
