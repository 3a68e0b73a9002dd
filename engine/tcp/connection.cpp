#include "tcp/connection.hpp"

#include <algorithm>
#include <cassert>

#include "tcp/arcs.hpp"
#include "tcp/seq.hpp"

namespace synack::tcp {

using namespace wire::tcpflag;
using trace::FrameNote;
using trace::FrameNoteKind;
using trace::RetransmitCause;
using trace::TcpNote;

std::string FourTuple::str() const {
  return local_ip.str() + ":" + std::to_string(local_port) + " <-> " + remote_ip.str() + ":" +
         std::to_string(remote_port);
}

Cause cause_of(CloseReason r) {
  switch (r) {
    case CloseReason::Normal: return Cause::Closed;
    case CloseReason::Refused: return Cause::Refused;
    case CloseReason::Reset: return Cause::Reset;
    case CloseReason::TimedOut: return Cause::TimedOut;
    case CloseReason::Aborted: return Cause::Aborted;
    case CloseReason::GaveUp: return Cause::GaveUp;
  }
  return Cause::Unknown;
}

// The application is told the same words as the state change to CLOSED carries.
const char* to_string(CloseReason r) { return to_string(cause_of(r)); }

Connection::Connection(Env& env, const TcpConfig& cfg, FourTuple tuple, uint32_t iss)
    : env_(env), cfg_(cfg), tuple_(tuple), iss_(iss), snd_una_(iss), snd_nxt_(iss), snd_max_(iss),
      rto_(cfg.initial_rto), keepalive_(cfg.keepalive) {}

// ---------------------------------------------------------------------------------
// User calls
// ---------------------------------------------------------------------------------

// OPEN, active (RFC 9293 3.10.1): send SYN, enter SYN-SENT.
void Connection::open_active() {
  unacked_since_ = env_.now();  // the user timeout counts from the first SYN
  set_state(State::SynSent, Cause::ConnectSendsSyn);
  syn_sent_at_ = env_.now();
  send_syn(false, {});
}

// A SYN reached a listener (RFC 9293 3.10.7.2, third check): this TCB is born in
// SYN-RCVD with RCV.NXT = SEG.SEQ+1 and answers SYN,ACK carrying our ISS.
void Connection::open_passive(const wire::TcpSegment& syn) {
  passive_ = true;
  state_ = State::Listen;  // born of a listener: the RFC diagram's LISTEN -> SYN-RCVD arc
  irs_ = syn.seq;
  rcv_nxt_ = syn.seq + 1;
  snd_wnd_ = syn.window;  // the window in a SYN is never scaled (RFC 7323 2.2)
  snd_wl1_ = syn.seq;
  apply_peer_options(syn.options);
  unacked_since_ = env_.now();
  set_state(State::SynReceived, Cause::SynInListen);
  send_syn(true, {});
  if (cfg_.two_way_handshake) {
    // Counterfactual, NOT real TCP: no third segment is awaited. The connection is open
    // now, whether or not the SYN was a live request from a client that still wants it.
    env_.cancel(Timer::Retransmit);
    retransmit_armed_ = false;
    snd_una_ = iss_ + 1;  // as if the SYN,ACK had been acknowledged
    env_.note(TcpNote::TwoWayHandshake);
    set_state(State::Established, Cause::TwoWayHandshake);
    env_.established();
  }
}

// SEND is refused once we have closed our side (RFC 9293 3.10.2: "connection closing").
bool Connection::send_refused() const { return fin_queued_ || state_ == State::Closed || state_ == State::Listen; }

size_t Connection::send_room() const {
  if (send_refused()) return 0;
  return cfg_.send_buffer > send_buf_.size() ? cfg_.send_buffer - send_buf_.size() : 0;
}

size_t Connection::send(const wire::Bytes& data) {
  if (send_refused()) return 0;
  const size_t n = std::min(send_room(), data.size());
  send_buf_.append(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(n));
  if (state_ == State::Established || state_ == State::CloseWait) push_data();
  return n;
}

// CLOSE (RFC 9293 3.10.4): our side has no more to send. The state moves at once
// ("in any case, enter FIN-WAIT-1"; CLOSE-WAIT enters LAST-ACK); the FIN itself leaves
// after the queued data, which the peer's window may hold back for a while.
void Connection::close() {
  switch (state_) {
    case State::SynSent:
      // Nothing was established: delete the TCB; queued SENDs fail with "closing"
      // (RFC 9293 3.10.4), which the application sees as an aborted connection.
      finish(send_buf_.empty() ? CloseReason::Normal : CloseReason::Aborted, false);
      return;
    case State::SynReceived:
    case State::Established:
    case State::CloseWait:
      if (fin_queued_) return;
      fin_queued_ = true;
      set_state(state_ == State::CloseWait ? State::LastAck : State::FinWait1, Cause::CloseSendsFin);
      push_data();
      if (!fin_sent_) {
        const size_t unsent = send_buf_.size() - (snd_nxt_ - snd_una_);
        if (snd_una_ == iss_)
          env_.note(TcpNote::FinWaitsForSynAck);
        else
          env_.note(TcpNote::FinWaitsBehindData, unsent);
      }
      return;
    default:
      return;  // already closing
  }
}

// ABORT (RFC 9293 3.10.5): in a synchronized state send RST, then delete the TCB.
void Connection::abort() {
  const bool rst = state_ == State::SynReceived || state_ == State::Established || state_ == State::FinWait1 ||
                   state_ == State::FinWait2 || state_ == State::CloseWait;
  finish(CloseReason::Aborted, rst);
}

// ---------------------------------------------------------------------------------
// Arriving segments (RFC 9293 3.10.7)
// ---------------------------------------------------------------------------------

void Connection::on_segment(const wire::TcpSegment& seg) {
  if (keepalive_ && synchronized(state_)) touch_keepalive();
  switch (state_) {
    case State::Closed:
    case State::Listen:
      return;  // the host answers these; a TCB never sits in them
    case State::SynSent:
      segment_in_syn_sent(seg);
      return;
    default:
      segment_synchronized(seg);
      return;
  }
}

// SYN-SENT (RFC 9293 3.10.7.3).
void Connection::segment_in_syn_sent(const wire::TcpSegment& seg) {
  // First: the ACK. An ACK for something we never sent is unacceptable: reset the
  // sender (unless it is itself a RST) and drop the segment.
  bool ack_ok = false;
  if (seg.has(ACK)) {
    if (seq_le(seg.ack, iss_) || seq_gt(seg.ack, snd_nxt_)) {
      if (!seg.has(RST)) {
        env_.note(TcpNote::UnacceptableAckInSynSent);
        send_rst(seg.ack);
      }
      return;
    }
    ack_ok = true;
  }
  // Second: RST. Only one that acknowledges our SYN is believed (RFC 5961 3.2 keeps
  // blind resets out); it means nobody listens: "connection refused".
  if (seg.has(RST)) {
    if (ack_ok) finish(CloseReason::Refused, false);
    return;
  }
  // Fourth: SYN.
  if (!seg.has(SYN)) return;
  irs_ = seg.seq;
  rcv_nxt_ = seg.seq + 1;
  apply_peer_options(seg.options);
  if (ack_ok) {
    snd_una_ = seg.ack;
    if (rtt_seq_ && seq_ge(seg.ack, *rtt_seq_) && retries_ == 0) rtt_sample(env_.now() - rtt_start_);
    rtt_seq_.reset();
  }
  if (seq_gt(snd_una_, iss_)) {
    // Our SYN is acknowledged: the connection is open.
    snd_wnd_ = seg.window;  // unscaled in a SYN
    snd_wl1_ = seg.seq;
    snd_wl2_ = seg.ack;
    retries_ = 0;
    env_.cancel(Timer::Retransmit);
    retransmit_armed_ = false;
    set_state(State::Established, Cause::SynAckReceived);
    send_ack();
    if (keepalive_) touch_keepalive();
    env_.established();
    push_data();
    return;
  }
  // A SYN without ACK while we wait for one: simultaneous open. Answer SYN,ACK with
  // our original ISS and wait in SYN-RCVD.
  snd_wnd_ = seg.window;
  snd_wl1_ = seg.seq;
  set_state(State::SynReceived, Cause::SimultaneousOpen);
  send_syn(true, {.kind = FrameNoteKind::SimultaneousOpen});
}

// Is the segment inside the receive window? (RFC 9293 3.10.7.4, first check: the
// four cases by segment length and window size.)
bool Connection::acceptable(const wire::TcpSegment& seg) const {
  const uint32_t len = seg.seq_len();
  const uint32_t wnd = recv_window();
  const uint32_t end = rcv_nxt_ + wnd;
  if (len == 0 && wnd == 0) return seg.seq == rcv_nxt_;
  // A bare FIN at RCV.NXT takes no buffer space: with the window closed it is still
  // taken, as RFC 9293 3.10.7.4 makes allowance for ACKs and RSTs there (a FIN counts
  // in SEG.LEN, but holds no data). smoltcp and Linux accept it; refusing it left the
  // peer retransmitting its FIN until our application read.
  if (wnd == 0 && seg.payload.empty() && !seg.has(SYN) && seg.has(FIN)) return seg.seq == rcv_nxt_;
  if (len == 0) return seq_in(seg.seq, rcv_nxt_, end);
  if (wnd == 0) return false;
  return seq_in(seg.seq, rcv_nxt_, end) || seq_in(seg.seq + len - 1, rcv_nxt_, end);
}

// SYN-RCVD, ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT.
void Connection::segment_synchronized(const wire::TcpSegment& seg) {
  // Simultaneous open (RFC 9293 Figure 8, line 6): the peer's SYN,ACK repeats the SYN we
  // took in SYN-SENT, one sequence number left of the window, and acknowledges ours. Its
  // SYN is trimmed off (3.10.7.4: "trimming off any portions that lie outside the window
  // (including SYN and FIN)"); what remains is an ACK at RCV.NXT that completes the open,
  // so four segments suffice. Only while our SYN is unacknowledged: later, a repeated
  // SYN,ACK means our ACK was lost, and the unacceptable-segment ACK below answers it.
  if (snd_una_ == iss_ && seg.has(SYN) && seg.has(ACK) && !(seg.flags & (RST | FIN)) && seg.seq == irs_ &&
      seg.payload.empty()) {
    wire::TcpSegment rest = seg;
    rest.flags &= static_cast<uint8_t>(~SYN);
    rest.seq = irs_ + 1;
    // A SYN's window is unscaled (RFC 7323 2.2); in the units of the segments that follow
    // it is what the peer will announce next.
    rest.window = static_cast<uint16_t>(seg.window >> snd_shift_);
    synack_trimmed_ = true;  // the state change says what really arrived
    segment_synchronized(rest);
    synack_trimmed_ = false;
    return;
  }
  // The peer's SYN again, while we wait in SYN-RCVD: our SYN,ACK was lost or is late.
  // The sequence test finds it old and asks for an acknowledgment in reply (RFC 9293
  // 3.10.7.4, first check), but a peer in SYN-SENT drops any segment without SYN (3.10.7.3,
  // fifth): the acknowledgment it can use is our SYN,ACK. Resent at once, as lwIP and
  // Linux do, rather than after our own timer; throttled like every answer to an old
  // segment (RFC 5961 7), and the timer restarts from this copy.
  if (state_ == State::SynReceived && seg.has(SYN) && !(seg.flags & (ACK | RST)) && seg.seq == irs_) {
    if (!may_answer_invalid(seg)) return;
    send_syn(true, {.kind = FrameNoteKind::SynAgain});
    rtt_seq_.reset();  // Karn: a SYN,ACK sent twice gives no RTT sample
    return;
  }
  // First: sequence number.
  if (!acceptable(seg)) {
    // TIME-WAIT exists for this: the peer did not get our last ACK and sent its FIN
    // again. Acknowledge it and restart the 2 MSL wait (RFC 9293 3.10.7.4, eighth).
    if (state_ == State::TimeWait && seg.has(FIN) && seg.seq + seg.seq_len() == rcv_nxt_) {
      send_ack();
      env_.note(TcpNote::TimeWaitFinAgain);
      env_.arm(Timer::TimeWait, env_.now() + cfg_.msl * 2);
      return;
    }
    // An unacceptable segment is answered with an ACK (unless it is a RST) and dropped.
    // One just below RCV.NXT with at most a byte is a keep-alive probe (RFC 1122
    // 4.2.3.6), and the ACK is its answer.
    if (seg.has(RST) || !may_answer_invalid(seg)) return;
    const bool probe = seg.seq + 1 == rcv_nxt_ && seg.payload.size() <= 1 && !(seg.flags & (SYN | FIN));
    const wire::TcpSegment ack = make_segment(ACK, snd_nxt_);
    // A closed window is the more telling note (the probe may be the persist timer's).
    emit(ack, {.kind = probe && ack.window != 0 ? FrameNoteKind::KeepAliveAck : FrameNoteKind::None});
    return;
  }
  // TS.Recent follows the peer's clock (RFC 7323 4.3): an acceptable segment with a TSval
  // not older than TS.Recent updates it if it starts at or before Last.ACK.sent, the
  // RCV.NXT our last ACK carried. While an ACK is delayed, later segments start beyond
  // it, so the delayed ACK echoes the TSval of the earliest segment it acknowledges and
  // the peer's RTT sample includes the delay (Linux: tcp_replace_ts_recent, seq <= rcv_wup).
  const uint32_t last_ack = last_ack_sent_ ? last_ack_sent_->first : rcv_nxt_;
  if (ts_ok_ && seg.options.timestamps && !seg.has(RST) && seq_le(seg.seq, last_ack) &&
      static_cast<int32_t>(seg.options.timestamps->value - ts_recent_) >= 0) {
    ts_recent_ = seg.options.timestamps->value;
  }
  // Second: RST. Only an exact match resets (RFC 5961 3.2); an in-window RST that is
  // not exact gets a challenge ACK, so a blind attacker must guess RCV.NXT exactly.
  if (seg.has(RST)) {
    process_rst(seg);
    return;
  }
  // Fourth: SYN in a synchronized state. RFC 5961 4 / RFC 9293: challenge ACK, drop.
  // A passive SYN-RCVD could return to LISTEN, but the challenge ACK is the same answer
  // a real peer restarting would need.
  if (seg.has(SYN)) {
    env_.note(TcpNote::SynChallengeAck);
    if (may_answer_invalid(seg)) send_ack();
    return;
  }
  // Fifth: no ACK, no processing.
  if (!seg.has(ACK)) return;
  if (!process_ack(seg)) return;
  if (state_ == State::Closed) return;
  // Seventh: segment text.
  if (!seg.payload.empty()) process_text(seg);
  // Eighth: FIN.
  if (seg.has(FIN)) {
    const uint32_t fin_at = seg.seq + static_cast<uint32_t>(seg.payload.size());
    if (fin_at == rcv_nxt_) {
      process_fin();
    } else if (seq_gt(fin_at, rcv_nxt_)) {
      // FIN beyond a gap: act on it when the gap fills. Like any out-of-order segment it
      // is acknowledged at once (RFC 5681 4.2, RFC 9293 3.10.7.4), a duplicate ACK that
      // tells the sender what is missing; a FIN with data was answered by process_text.
      if (!peer_fin_seq_) {
        env_.note(TcpNote::FinBeforeGap, fin_at - rcv_nxt_);
      }
      peer_fin_seq_ = fin_at;
      if (seg.payload.empty()) send_ack();
    }
  }
}

void Connection::process_rst(const wire::TcpSegment& seg) {
  if (seg.seq != rcv_nxt_) {
    env_.note(TcpNote::RstChallengeAck);
    if (may_answer_invalid(seg)) send_ack();
    return;
  }
  switch (state_) {
    case State::SynReceived:
      // A passive open goes back to LISTEN (the listener stays); an active one was refused.
      finish(passive_ ? CloseReason::Reset : CloseReason::Refused, false);
      return;
    case State::Established:
    case State::FinWait1:
    case State::FinWait2:
    case State::CloseWait:
      finish(CloseReason::Reset, false);
      return;
    default:  // CLOSING, LAST-ACK, TIME-WAIT: the peer is done anyway
      // In TIME-WAIT this cuts the 2MSL wait short, as RFC 9293 says and Linux does by
      // default; RFC 1337 calls it TIME-WAIT assassination and suggests ignoring the RST.
      if (state_ == State::TimeWait) env_.note(TcpNote::RstInTimeWait);
      finish(CloseReason::Normal, false);
      return;
  }
}

// Fifth check, ACK processing. Returns false when the segment must be dropped.
bool Connection::process_ack(const wire::TcpSegment& seg) {
  if (state_ == State::SynReceived) {
    // The third segment of the handshake: it must acknowledge our SYN.
    if (!(seq_lt(snd_una_, seg.ack) && seq_le(seg.ack, snd_nxt_))) {
      env_.note(TcpNote::UnacceptableAckInSynRcvd);
      send_rst(seg.ack);
      return false;
    }
    snd_wnd_ = static_cast<uint32_t>(seg.window) << snd_shift_;
    snd_wl1_ = seg.seq;
    snd_wl2_ = seg.ack;
    set_state(State::Established, synack_trimmed_        ? Cause::SynAckReceived
                                  : seg.payload.empty() ? Cause::AckOfSynAck
                                                        : Cause::DataAckedSynAck);
    if (keepalive_) touch_keepalive();
    env_.established();
  }
  if (state_ == State::TimeWait) return true;  // only a FIN matters here, handled below
  probes_unanswered_ = 0;  // the peer is alive: a zero-window probe was answered, or needs none

  if (seq_gt(seg.ack, snd_max_)) {
    // Acknowledges something not yet sent: ACK back and drop (RFC 9293 3.10.7.4).
    if (may_answer_invalid(seg)) send_ack();
    return false;
  }
  const bool advances = seq_gt(seg.ack, snd_una_);
  if (advances) {
    const uint32_t acked = seg.ack - snd_una_;
    uint32_t data_acked = acked;
    if (seq_gt(seg.ack, iss_) && snd_una_ == iss_) --data_acked;  // our SYN's sequence number
    if (fin_sent_ && seq_gt(seg.ack, fin_seq_)) --data_acked;     // our FIN's sequence number
    const size_t drop = std::min<size_t>(data_acked, send_buf_.size());
    send_buf_.drop_front(drop);
    if (drop > 0) freed_send_space_ = true;
    snd_una_ = seg.ack;
    unacked_since_ = env_.now();
    if (seq_lt(snd_nxt_, snd_una_)) snd_nxt_ = snd_una_;
    // Karn: only time segments that were never retransmitted.
    if (rtt_seq_ && seq_ge(seg.ack, *rtt_seq_)) {
      if (retries_ == 0) rtt_sample(env_.now() - rtt_start_);
      rtt_seq_.reset();
    }
    retries_ = 0;
    tlp_sent_ = false;
    dupacks_ = 0;
    restart_retransmit_timer();
    // A partial ACK during recovery (RFC 6582 3.2): the next hole is lost too; resend it now.
    if (recover_ && seq_lt(snd_una_, *recover_) && snd_una_ != snd_max_) {
      if (fast_recovery_) cwnd_ = (cwnd_ > acked ? cwnd_ - acked : 0) + peer_mss_;  // deflate, then one more
      retransmit_earliest(RetransmitCause::PartialAck);
    } else if (recover_ && seq_ge(snd_una_, *recover_)) {
      // Full acknowledgment: recovery is over (RFC 6582 3.2 step 3).
      if (fast_recovery_) cwnd_ = std::min(ssthresh_, std::max(flight_size(), static_cast<uint32_t>(peer_mss_)) + peer_mss_);
      recover_.reset();
      fast_recovery_ = false;
    } else if (data_acked > 0) {
      on_new_ack(data_acked);  // the ACK of a SYN or FIN alone does not open the window
    }
  } else if (seg.ack == snd_una_ && seg.payload.empty() && !seg.has(FIN) && snd_una_ != snd_max_ &&
             (static_cast<uint32_t>(seg.window) << snd_shift_) == snd_wnd_) {
    // A duplicate ACK (RFC 5681 2): after three, resend the missing segment at once.
    ++dupacks_;
    if (dupacks_ == cfg_.dupack_threshold && !recover_) {
      enter_fast_recovery();
    } else if (fast_recovery_) {
      cwnd_ += peer_mss_;  // each further duplicate: a segment has left the network (RFC 5681 3.2 step 4)
    }
  }
  // Window update (RFC 9293 3.10.7.4): take the window from the newest segment only.
  if (seq_lt(snd_wl1_, seg.seq) || (snd_wl1_ == seg.seq && seq_le(snd_wl2_, seg.ack))) {
    snd_wnd_ = static_cast<uint32_t>(seg.window) << snd_shift_;
    snd_wl1_ = seg.seq;
    snd_wl2_ = seg.ack;
    if (snd_wnd_ > 0 && persist_armed_) {  // the window opened: probing is over
      env_.cancel(Timer::Persist);
      persist_armed_ = false;
    }
  }

  const bool our_fin_acked = fin_sent_ && seq_gt(snd_una_, fin_seq_);
  switch (state_) {
    case State::FinWait1:
      if (our_fin_acked) {
        if (seg.has(FIN)) break;  // FIN+ACK together: the FIN step below goes to TIME-WAIT
        set_state(State::FinWait2, Cause::OurFinAcked);
      }
      break;
    case State::Closing:
      if (our_fin_acked) enter_time_wait(Cause::OurFinAckedInClosing);
      break;
    case State::LastAck:
      if (our_fin_acked) {
        finish(CloseReason::Normal, false);
        return false;
      }
      break;
    default:
      break;
  }
  push_data();
  if (freed_send_space_) {
    freed_send_space_ = false;
    env_.writable();
  }
  return state_ != State::Closed;
}

// Seventh check: in-order payload goes to the application, out-of-order payload
// waits; either way the receiver tells the sender what it expects next.
void Connection::process_text(const wire::TcpSegment& seg) {
  if (!(state_ == State::Established || state_ == State::FinWait1 || state_ == State::FinWait2)) {
    // After the peer's FIN no more data may come (RFC 9293 3.10.7.4, seventh): ignore.
    return;
  }
  uint32_t seq = seg.seq;
  wire::Bytes data = seg.payload;
  if (seq_lt(seq, rcv_nxt_)) {  // trim what we already have
    const uint32_t skip = rcv_nxt_ - seq;
    data.erase(data.begin(), data.begin() + std::min<size_t>(skip, data.size()));
    seq = rcv_nxt_;
  }
  const uint32_t wnd = recv_window();
  if (data.size() > wnd) data.resize(wnd);  // nothing beyond the window is kept
  if (seq == rcv_nxt_) {
    rcv_nxt_ += static_cast<uint32_t>(data.size());
    if (!data.empty()) unread_ += static_cast<uint32_t>(data.size() - env_.data_arrived(data));
    // Fill from the out-of-order queue.
    for (auto it = out_of_order_.begin(); it != out_of_order_.end();) {
      if (seq_gt(it->first, rcv_nxt_)) {
        ++it;
        continue;
      }
      const uint32_t end = it->first + static_cast<uint32_t>(it->second.size());
      if (seq_gt(end, rcv_nxt_)) {
        wire::Bytes rest(it->second.begin() + static_cast<std::ptrdiff_t>(rcv_nxt_ - it->first), it->second.end());
        rcv_nxt_ = end;
        unread_ += static_cast<uint32_t>(rest.size() - env_.data_arrived(rest));
      }
      it = out_of_order_.erase(it);
    }
    if (peer_fin_seq_ && *peer_fin_seq_ == rcv_nxt_) {
      peer_fin_seq_.reset();
      process_fin();
      return;  // process_fin acknowledged
    }
    if (!data.empty()) {
      // A FIN right behind this data is processed next, and its ACK covers both: one
      // segment, one acknowledgment (two would look like a partial ACK to the sender).
      if (seg.has(FIN) && seg.seq + static_cast<uint32_t>(seg.payload.size()) == rcv_nxt_) return;
      ack_soon();
      return;
    }
  } else if (!data.empty()) {
    out_of_order_.emplace(seq, std::move(data));
  }
  // Out of order or a duplicate: tell the sender at once (RFC 5681 4.2). The sender
  // counts these ACKs, which repeat the last one, towards a fast retransmit.
  send_ack();
}

// Eighth check: the peer's FIN, in order. It consumes one sequence number.
void Connection::process_fin() {
  if (peer_fin_received_) {
    send_ack();
    return;
  }
  peer_fin_received_ = true;
  rcv_nxt_ += 1;
  ack_soon(false);
  env_.peer_closed();
  switch (state_) {
    case State::Established:  // (never SYN-RCVD: the ACK check has moved it on)
      set_state(State::CloseWait, Cause::FinReceived);
      break;
    case State::FinWait1:
      if (fin_sent_ && seq_gt(snd_una_, fin_seq_))
        enter_time_wait(Cause::FinAckTogether);
      else
        set_state(State::Closing, Cause::SimultaneousClose);
      break;
    case State::FinWait2:
      enter_time_wait(Cause::FinReceived);
      break;
    default:
      break;
  }
  // We had closed already: no FIN of ours can ride along any more, so waiting would only
  // keep the peer in LAST-ACK (or CLOSING) longer. ACK the FIN now.
  if (delayed_ack_armed_ && (state_ == State::TimeWait || state_ == State::Closing)) send_ack();
}

// ---------------------------------------------------------------------------------
// Timers (RFC 9293 3.10.8, RFC 6298)
// ---------------------------------------------------------------------------------

// A SYN for the four-tuple of a connection in TIME-WAIT. RFC 9293 3.6.1 lets a TCP
// "accept a new SYN from the remote TCP endpoint to reopen the connection directly from
// TIME-WAIT state" (MAY-2, from RFC 1122 4.2.2.13) if the new connection's sequence
// numbers cannot be mistaken for the old one's; with timestamps, RFC 6191 takes a newer
// TSval as that proof (SHLD-4). Linux does both (tcp_timewait_state_process returns
// TCP_TW_SYN): a SYN without ACK or RST that PAWS does not reject, whose ISN is beyond
// the old RCV.NXT or whose TSval is newer than TS.Recent. Without time_wait_reopen (the
// rfc profile) the SYN meets the fourth check of 3.10.7.4 instead: a challenge ACK (RFC
// 5961 4), whose RST from the peer ends TIME-WAIT, and the peer's SYN comes again later.
bool Connection::syn_may_reopen(const wire::TcpSegment& syn) const {
  if (!cfg_.time_wait_reopen || state_ != State::TimeWait) return false;
  if (!syn.has(SYN) || (syn.flags & (ACK | RST))) return false;
  const auto& ts = syn.options.timestamps;
  const bool timed = ts_ok_ && ts;
  // PAWS (RFC 7323 5.3): a TSval older than TS.Recent is an old duplicate's.
  if (timed && static_cast<int32_t>(ts_recent_ - ts->value) > 0) return false;
  return seq_gt(syn.seq, rcv_nxt_) || (timed && static_cast<int32_t>(ts_recent_ - ts->value) < 0);
}

// RFC 1122 4.2.2.13 (1): the new ISN above the largest sequence number the old
// connection used. Linux takes the old SND.NXT + 65535 + 2, past a whole window.
uint32_t Connection::reopen_iss() const {
  const uint32_t iss = snd_nxt_ + 65537;
  return iss ? iss : 1;
}

void Connection::end_for_reopen() {
  env_.note(TcpNote::TimeWaitReopened);
  finish(CloseReason::Normal, false);
}

void Connection::on_timer(Timer t) {
  if (t == Timer::TimeWait) {
    if (state_ == State::TimeWait) finish(CloseReason::Normal, false);
    return;
  }
  if (t == Timer::DelayedAck) {
    delayed_ack_armed_ = false;
    send_ack();
    return;
  }
  if (t == Timer::Keepalive) {
    // RFC 1122 4.2.3.6: after the idle time, probe; after enough unanswered probes, the
    // peer is gone: reset and report it.
    if (!keepalive_ || !(state_ == State::Established || state_ == State::CloseWait)) return;
    if (keepalive_sent_ >= cfg_.keepalive_probes) {
      env_.note(TcpNote::KeepaliveGone, static_cast<uint64_t>(keepalive_sent_));
      finish(CloseReason::TimedOut, true);
      return;
    }
    ++keepalive_sent_;
    // The probe carries SND.NXT-1 and no data: old news to the peer, which must answer
    // with an ACK (RFC 9293 3.10.7.4, an unacceptable segment).
    emit(make_segment(ACK, snd_nxt_ - 1), {.kind = FrameNoteKind::KeepAliveProbe, .n = static_cast<uint32_t>(keepalive_sent_)});
    env_.arm(Timer::Keepalive, env_.now() + cfg_.keepalive_interval);
    return;
  }
  if (t == Timer::Persist) {
    // Zero window: ask the receiver, with a segment it must answer, whether its window
    // has opened (RFC 9293 3.8.6.1). Probing goes on as long as the receiver answers.
    persist_armed_ = false;
    if (snd_wnd_ > 0 || !synchronized(state_)) {
      push_data();
      return;
    }
    // As long as the receiver answers, probing goes on (RFC 9293 3.8.6.1, MUST-36); a
    // receiver that stops answering is gone, and like Linux (tcp_retries2 probes, or the
    // user timeout) the sender gives up after as many probes as data retransmissions.
    if (user_timeout_over(probing_since_)) return;
    if (probes_unanswered_ >= cfg_.data_retries) {
      env_.note(TcpNote::ZeroWindowGone, static_cast<uint64_t>(probes_unanswered_));
      finish(CloseReason::TimedOut, false);
      return;
    }
    ++probes_unanswered_;
    emit(make_segment(ACK, snd_una_ - 1), {.kind = FrameNoteKind::ZeroWindowProbe});
    arm_persist(std::min(persist_backoff_ * 2, cfg_.max_rto));
    return;
  }
  retransmit_armed_ = false;
  if (user_timeout_over(unacked_since_)) return;
  // Tail loss probe (RFC 8985 7): the first timeout of a flight resends its last
  // segment without backing off or shrinking the window; a lost FIN or a lost last
  // ACK is repaired one RTO after it left, and the next try follows one RTO later.
  if (cfg_.tail_loss_probe && !tlp_sent_ && retries_ == 0 && synchronized(state_) &&
      state_ != State::SynReceived && snd_una_ + peer_mss_ >= snd_max_) {
    tlp_sent_ = true;
    retransmit_earliest(RetransmitCause::TailLossProbe);
    return;
  }
  // Retransmission timeout: back off (RFC 6298 5.5) and resend the earliest segment.
  ++retries_;
  if (state_ == State::SynSent && cfg_.syn_linear_timeouts > 0) {
    // Linux 6.x: the first tries come at the initial RTO without backing off; it gives
    // up once the time the doubling schedule of syn_retries would take has passed.
    sim::Duration budget{}, step = cfg_.initial_rto;
    for (int i = 0; i <= cfg_.syn_retries; ++i, step = std::min(step * 2, cfg_.max_rto)) budget = budget + step;
    if (env_.now() - syn_sent_at_ >= budget) {
      finish(CloseReason::TimedOut, false);
      return;
    }
    if (retries_ <= cfg_.syn_linear_timeouts) {
      retransmit_earliest(RetransmitCause::Timeout);
      return;
    }
  } else if (state_ == State::SynSent && retries_ > cfg_.syn_retries) {
    finish(CloseReason::TimedOut, false);
    return;
  }
  if (state_ == State::SynReceived && retries_ > cfg_.synack_retries) {
    // The third segment never came. RFC 9293 and Linux free the half-open connection
    // silently; a later segment for it will meet a RST from the host.
    finish(CloseReason::GaveUp, cfg_.rst_on_synack_giveup);
    return;
  }
  if (synchronized(state_) && state_ != State::SynReceived && data_retries_exhausted()) {
    // Given up: the application learns it; the peer, unreachable as far as we know, is
    // sent nothing (RFC 9293 3.10.8 deletes the TCB; Linux's tcp_write_err sends no RST).
    env_.note(cfg_.data_retries_as_time ? TcpNote::RetriesTimeOver : TcpNote::RetriesOver,
              static_cast<uint64_t>(cfg_.data_retries));
    finish(CloseReason::TimedOut, false);
    return;
  }
  rto_ = std::min(rto_ * 2, cfg_.max_rto);
  rtt_seq_.reset();  // Karn: no sample from a retransmitted segment
  // After a timeout the network gets one segment at a time again (RFC 5681 3.1, (4)).
  if (retries_ == 1) ssthresh_ = std::max(flight_size() / 2, 2u * peer_mss_);
  cwnd_ = peer_mss_;
  fast_recovery_ = false;
  recover_ = snd_max_;
  retransmit_earliest(RetransmitCause::Timeout);
}

bool Connection::data_retries_exhausted() {
  if (!cfg_.data_retries_as_time) return retries_ > cfg_.data_retries;
  // Linux counts tcp_retries2 as time (tcp_model_timeout): the sum of that many
  // timeouts doubling from 200 ms (TCP_RTO_MIN), linear at the maximum RTO once the
  // doubling would pass it, measured from the first retransmission after a timeout
  // (retrans_stamp; a tail loss probe does not set it). With 3: 200+400+800+1600 ms
  // = 3 s, so the fifth timeout, not the fourth, gives up.
  if (retries_ == 1) {
    first_timeout_at_ = env_.now();
    return false;
  }
  int doubling = 0;
  while (doubling < 30 && cfg_.min_rto * (int64_t{2} << doubling) <= cfg_.max_rto) ++doubling;  // ilog2(max / min)
  const int n = cfg_.data_retries;
  const sim::Duration budget = n <= doubling
                                   ? cfg_.min_rto * ((int64_t{2} << n) - 1)
                                   : cfg_.min_rto * ((int64_t{2} << doubling) - 1) + cfg_.max_rto * (n - doubling);
  return env_.now() - first_timeout_at_ >= budget;
}

void Connection::retransmit_earliest(RetransmitCause why) {
  rtt_seq_.reset();  // Karn: a retransmitted range gives no RTT sample
  const FrameNote note{.kind = FrameNoteKind::Retransmission, .cause = why,
                       .n = static_cast<uint32_t>(std::max(retries_, 1))};
  if (snd_una_ == iss_) {  // our SYN is unacknowledged (SYN-SENT, SYN-RCVD, or closed in SYN-RCVD)
    send_syn(state_ != State::SynSent, note);  // arms the timer itself
    return;
  } else {
    // Resend from SND.UNA: one segment of data, or the FIN if only it is outstanding.
    const uint32_t unsent_before = snd_nxt_;
    snd_nxt_ = snd_una_;
    const size_t n = std::min<size_t>({send_buf_.size(), peer_mss_, static_cast<size_t>(snd_max_ - snd_una_)});
    wire::TcpSegment s = make_segment(ACK, snd_una_);
    s.payload.assign(send_buf_.begin(), send_buf_.begin() + static_cast<std::ptrdiff_t>(n));
    if (!s.payload.empty()) s.flags |= PSH;
    if (fin_sent_ && snd_una_ + n == fin_seq_) s.flags |= FIN;
    if (s.seq_len() == 0) {
      snd_nxt_ = unsent_before;
      return;
    }
    emit(s, note);
    snd_nxt_ = seq_gt(unsent_before, snd_una_ + s.seq_len()) ? unsent_before : snd_una_ + s.seq_len();
  }
  restart_retransmit_timer();
}

void Connection::restart_retransmit_timer() {
  if (snd_una_ == snd_max_) {  // nothing outstanding (RFC 6298 5.2)
    if (retransmit_armed_) env_.cancel(Timer::Retransmit);
    retransmit_armed_ = false;
    return;
  }
  env_.arm(Timer::Retransmit, deadline_within_user_timeout(env_.now() + rto_, unacked_since_));
  retransmit_armed_ = true;
}

// User timeout (RFC 9293 3.8.3, 3.10.8: "for any state"): what we sent has waited for
// an acknowledgment, or the peer's window for an opening, since `since`. A timer never
// runs past the user timeout, so the connection ends at it, not at the next backoff.
sim::Time Connection::deadline_within_user_timeout(sim::Time deadline, sim::Time since) const {
  if (cfg_.user_timeout.ns <= 0) return deadline;
  return std::min(deadline, since + cfg_.user_timeout);
}

bool Connection::user_timeout_over(sim::Time since) {
  if (cfg_.user_timeout.ns <= 0 || env_.now() - since < cfg_.user_timeout) return false;
  env_.note(TcpNote::UserTimeout, static_cast<uint64_t>(cfg_.user_timeout.ns / 1000000));
  finish(CloseReason::TimedOut, false);  // RFC 9293 3.10.8: delete the TCB, nothing sent; so does Linux
  return true;
}

void Connection::rtt_sample(sim::Duration r) {
  // RFC 6298 2.2 and 2.3, with alpha = 1/8 and beta = 1/4.
  if (!have_rtt_) {
    srtt_ = r;
    rttvar_ = r / 2;
    have_rtt_ = true;
  } else {
    const sim::Duration diff = srtt_ > r ? srtt_ - r : r - srtt_;
    rttvar_ = (rttvar_ * 3 + diff) / 4;
    srtt_ = (srtt_ * 7 + r) / 8;
  }
  const sim::Duration k = std::max(cfg_.clock_granularity, rttvar_ * 4);
  rto_ = std::clamp(srtt_ + k, cfg_.min_rto, cfg_.max_rto);
}

// ---------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------

uint32_t Connection::recv_window() const {
  // What the buffer has free beyond RCV.NXT: bytes delivered but unread take room;
  // out-of-order bytes already sit inside the window and must not pull its right edge
  // back (a shrinking window strands data the peer may have sent).
  return unread_ >= cfg_.recv_buffer ? 0 : cfg_.recv_buffer - unread_;
}

void Connection::app_read(size_t n) {
  const uint32_t before = recv_window();
  unread_ -= static_cast<uint32_t>(std::min<size_t>(n, unread_));
  const uint32_t after = recv_window();
  // Window update, with receiver-side silly window avoidance (RFC 9293 3.8.6.2.2): tell
  // the peer only once the window has grown by a full segment or half the buffer.
  const uint32_t threshold = std::min<uint32_t>(peer_mss_, cfg_.recv_buffer / 2);
  if (synchronized(state_) && before < threshold && after >= threshold) send_ack();
}

uint16_t Connection::advertised_window() const {
  uint32_t w = recv_window();
  if (rcv_wnd_cap_) w = std::min(w, rcv_wnd_cap_);
  // Linux rounds a scaled window up to the next unit of the scale, so it is not scaled
  // away (64240 is sent as 502 x 128 = 64256); RFC 7323 2.3 lets the shift drop the low bits.
  if (cfg_.linux_wire && rcv_shift_) w += (1u << rcv_shift_) - 1;
  return static_cast<uint16_t>(std::min<uint32_t>(w >> rcv_shift_, 0xffff));
}

// TSval: a millisecond clock (RFC 7323 5.4), from 0, or under Linux from an offset per
// pair of addresses (secure_tcp_ts_off hashes saddr and daddr): a peer cannot read the
// host's uptime from it, yet the clock keeps rising from one connection to the next
// between the same two hosts, which RFC 6191's reopening from TIME-WAIT relies on.
uint32_t Connection::ts_value() const {
  uint64_t z = (static_cast<uint64_t>(tuple_.local_ip.v) << 32 | tuple_.remote_ip.v) * 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  const uint32_t offset = cfg_.linux_wire ? static_cast<uint32_t>(z ^ (z >> 31)) : 0;
  return static_cast<uint32_t>(env_.now().ns / 1000000) + offset;
}

wire::TcpSegment Connection::make_segment(uint8_t flags, uint32_t seq) const {
  wire::TcpSegment s;
  s.src_port = tuple_.local_port;
  s.dst_port = tuple_.remote_port;
  s.seq = seq;
  s.flags = flags;
  if (flags & ACK) s.ack = rcv_nxt_;
  // Linux's RST from a live connection keeps its window and timestamps.
  const bool plain = !(flags & RST) || cfg_.linux_wire;
  s.window = plain ? advertised_window() : 0;
  if (ts_ok_ && plain) s.options.timestamps = wire::Timestamps{ts_value(), ts_recent_};
  if (sack_ok_ && !out_of_order_.empty() && (flags & ACK)) {
    // Up to three SACK blocks (RFC 2018 4): the most useful are the lowest gaps' edges.
    for (const auto& [seq0, bytes] : out_of_order_) {
      if (s.options.sack.size() == (ts_ok_ ? 3u : 4u)) break;
      const uint32_t right = seq0 + static_cast<uint32_t>(bytes.size());
      if (!s.options.sack.empty() && s.options.sack.back().right == seq0)
        s.options.sack.back().right = right;
      else
        s.options.sack.push_back({seq0, right});
    }
  }
  return s;
}

wire::TcpOptions Connection::syn_options() const {
  wire::TcpOptions o;
  o.mss = cfg_.mss;
  if (cfg_.window_scaling) o.window_scale = cfg_.window_shift;
  o.sack_permitted = cfg_.sack_permitted;
  if (cfg_.timestamps) o.timestamps = wire::Timestamps{ts_value(), ts_recent_};
  return o;
}

void Connection::apply_peer_options(const wire::TcpOptions& o) {
  ts_ok_ = cfg_.timestamps && o.timestamps.has_value();
  // The MSS counts the bytes after a bare 20-byte header: options every segment carries
  // come out of it (RFC 6691, RFC 9293 3.7.1), 12 for timestamps: 1448 of 1460.
  // An MSS of 0 would leave nothing to send (and, less the timestamps, wrap around):
  // Linux ignores it, so the default of 536 holds (RFC 9293 3.7.1, MUST-15), and raises
  // a tiny one to its floor of 48 (net.ipv4.tcp_min_snd_mss).
  if (o.mss == uint16_t{0}) env_.note(TcpNote::MssZero);
  const uint16_t offered = o.mss && *o.mss > 0 ? std::max<uint16_t>(*o.mss, 48) : 536;
  peer_mss_ = static_cast<uint16_t>(std::min<uint16_t>(offered, cfg_.mss) - (ts_ok_ ? 12 : 0));
  // Initial window (RFC 5681 3.1), in bytes of the sender's maximum segment size.
  const uint32_t smss = peer_mss_;
  cwnd_ = cfg_.initial_window_segments > 0 ? static_cast<uint32_t>(cfg_.initial_window_segments) * smss
                                           : std::min(4 * smss, std::max(2 * smss, 4380u));
  // Window scaling only when both SYNs carry the option (RFC 7323 2.2); a passive
  // side answers with it only if the SYN had it.
  if (cfg_.window_scaling && o.window_scale) {
    snd_shift_ = std::min<uint8_t>(*o.window_scale, 14);
    rcv_shift_ = cfg_.window_shift;
  } else {
    snd_shift_ = rcv_shift_ = 0;
  }
  sack_ok_ = cfg_.sack_permitted && o.sack_permitted;
  if (o.timestamps) ts_recent_ = o.timestamps->value;
  if (cfg_.linux_wire) {
    // Linux opens with 65535 rounded down to whole segments of what it will receive:
    // 64240 (44 x 1460) in a SYN, 65160 (45 x 1448) in a SYN,ACK answering timestamps.
    const uint32_t seg = cfg_.mss - (passive_ && ts_ok_ ? 12u : 0u);
    rcv_wnd_cap_ = std::min<uint32_t>(cfg_.recv_buffer, 65535) / seg * seg;
  }
}

void Connection::send_syn(bool with_ack, const FrameNote& note) {
  wire::TcpSegment s = make_segment(with_ack ? (SYN | ACK) : SYN, iss_);
  wire::TcpOptions o = syn_options();
  if (with_ack) {
    // The SYN,ACK announces only what the SYN offered (RFC 7323 2.2, RFC 2018 2).
    if (snd_shift_ == 0 && rcv_shift_ == 0) o.window_scale.reset();
    if (!sack_ok_) o.sack_permitted = false;
    if (!ts_ok_) o.timestamps.reset();
  }
  s.options = o;
  uint32_t wnd = std::min<uint32_t>(recv_window(), 0xffff);  // never scaled in a SYN
  if (cfg_.linux_wire) {
    const uint32_t seg = cfg_.mss - (passive_ && ts_ok_ ? 12u : 0u);
    wnd = wnd / seg * seg;
  }
  s.window = static_cast<uint16_t>(wnd);
  emit(s, note);
  snd_nxt_ = iss_ + 1;
  snd_max_ = iss_ + 1;
  if (!rtt_seq_ && retries_ == 0) {
    rtt_seq_ = iss_ + 1;
    rtt_start_ = env_.now();
  }
  env_.arm(Timer::Retransmit, deadline_within_user_timeout(env_.now() + rto_, unacked_since_));
  retransmit_armed_ = true;
}

void Connection::send_ack() { emit(make_segment(ACK, snd_nxt_), {}); }

void Connection::arm_persist(sim::Duration backoff) {
  persist_backoff_ = backoff;
  env_.arm(Timer::Persist, deadline_within_user_timeout(env_.now() + backoff, probing_since_));
  persist_armed_ = true;
}

// Two sides that disagree about the connection answer each other's invalid ACKs with
// ACKs, forever: an ACK storm. RFC 5961 7 asks for throttling; like Linux, answer at
// most one empty invalid segment per interval (segments with data are no loop risk).
bool Connection::may_answer_invalid(const wire::TcpSegment& seg) {
  if (seg.seq_len() > 0 && !seg.has(SYN)) return true;
  if (last_invalid_answer_ && env_.now() - *last_invalid_answer_ < cfg_.invalid_ack_interval) {
    env_.note(TcpNote::AckThrottled);
    return false;
  }
  last_invalid_answer_ = env_.now();
  return true;
}

void Connection::ack_soon(bool data) {
  // RFC 1122 4.2.3.2 / RFC 5681 4.2: delay at most the timeout, and ACK at least every
  // second full-sized segment.
  if (!cfg_.delayed_ack || ++unacked_in_order_ >= 2) {
    send_ack();
    return;
  }
  // Linux starts in quick-ACK mode: the first data segments of a connection are ACKed
  // at once (tcp_incr_quickack), so slow start is not held up by delayed ACKs.
  // A FIN's ACK is still delayed, hoping to ride on the application's own FIN.
  if (data && quickacks_left_ < 0) quickacks_left_ = cfg_.quickack_segments;
  if (data && quickacks_left_ > 0) {
    --quickacks_left_;
    send_ack();
    return;
  }
  if (!delayed_ack_armed_) {
    env_.arm(Timer::DelayedAck, env_.now() + cfg_.delayed_ack_timeout);
    delayed_ack_armed_ = true;
  }
}

void Connection::send_rst(uint32_t seq) { emit(make_segment(RST, seq), {}); }

// Sends as much queued data as the peer's window allows, in MSS-sized segments,
// then the FIN once every byte is out.
void Connection::push_data() {
  if (!(state_ == State::Established || state_ == State::CloseWait || state_ == State::FinWait1 ||
        state_ == State::Closing || state_ == State::LastAck))
    return;
  if (state_ != State::Established && state_ != State::CloseWait && fin_sent_) return;
  // Closed in SYN-RCVD: nothing follows our SYN until the peer has acknowledged it (a
  // peer still in SYN-SENT drops any segment without SYN, RFC 9293 3.10.7.3 fifth).
  if (snd_una_ == iss_) return;
  // send_buf_[0] sits at SND.UNA, or one later while our SYN is still unacknowledged.
  const uint32_t buf_start = snd_una_ == iss_ ? iss_ + 1 : snd_una_;
  const uint32_t data_end = buf_start + static_cast<uint32_t>(send_buf_.size());
  bool sent_any = false;
  for (;;) {
    const uint32_t in_flight = snd_nxt_ - snd_una_;
    const uint32_t wnd = std::min(snd_wnd_, cwnd_);  // the peer's window and the network's (RFC 5681)
    const uint32_t usable = wnd > in_flight ? wnd - in_flight : 0;
    const uint32_t unsent = seq_gt(data_end, snd_nxt_) ? data_end - snd_nxt_ : 0;
    const uint32_t n = std::min<uint32_t>({unsent, usable, peer_mss_});
    // Nagle (RFC 1122 4.2.3.4): a segment smaller than the MSS waits while anything is
    // unacknowledged, unless it is the last of the data before a FIN.
    // Minshall's variant (Linux): a short tail of the data is held only while an earlier
    // small segment is unacknowledged; one the window cuts short always waits (sender
    // silly window avoidance, RFC 9293 3.8.6.2.1).
    const bool short_tail = unsent < peer_mss_;
    const bool small_out = in_flight > 0 && (!cfg_.nagle_minshall || !short_tail ||
                                             (seq_gt(small_end_, snd_una_) && seq_le(small_end_, snd_nxt_)));
    if (cfg_.nagle && n > 0 && n < peer_mss_ && small_out && !fin_queued_) break;
    const bool fin_due = fin_queued_ && !fin_sent_ && unsent == n;
    if (n == 0 && !fin_due) break;
    wire::TcpSegment s = make_segment(ACK, snd_nxt_);
    const size_t off = snd_nxt_ - buf_start;
    s.payload.assign(send_buf_.begin() + static_cast<std::ptrdiff_t>(off),
                     send_buf_.begin() + static_cast<std::ptrdiff_t>(off + n));
    if (n > 0 && n == unsent) s.flags |= PSH;  // the last bytes the application gave us
    if (fin_due) {  // close() has already moved the state on
      s.flags |= FIN;
      fin_sent_ = true;
      fin_seq_ = snd_nxt_ + n;
    }
    const bool retransmitting = seq_lt(snd_nxt_, snd_max_);
    if (snd_nxt_ == snd_una_) unacked_since_ = env_.now();  // the oldest outstanding byte leaves now
    emit(s, {.kind = retransmitting ? FrameNoteKind::GoBack : FrameNoteKind::None});
    if (!rtt_seq_ && !retransmitting) {
      rtt_seq_ = snd_nxt_ + s.seq_len();
      rtt_start_ = env_.now();
    }
    snd_nxt_ += s.seq_len();
    if (n > 0 && n < peer_mss_) small_end_ = snd_nxt_;
    if (seq_gt(snd_nxt_, snd_max_)) snd_max_ = snd_nxt_;
    sent_any = true;
    if (fin_due) break;
  }
  if (sent_any && !retransmit_armed_) restart_retransmit_timer();
  // Data waits, nothing is in flight and the peer's window is zero: only a probe will
  // learn when it opens (a lost window update would otherwise deadlock both sides).
  const bool data_waiting = seq_gt(data_end, snd_nxt_) || (fin_queued_ && !fin_sent_);
  if (snd_wnd_ == 0 && data_waiting && snd_nxt_ == snd_una_ && !persist_armed_) {
    probing_since_ = env_.now();
    probes_unanswered_ = 0;
    arm_persist(rto_);
  }
}

// ---------------------------------------------------------------------------------
// Bookkeeping
// ---------------------------------------------------------------------------------

void Connection::set_state(State s, Cause cause) {
  if (s == state_) return;
  const State from = state_;
  // Every move is a row of the arc table (tcp/arcs.cpp); one that is not is a bug here.
  assert(find_arc(from, s, cause) && "a state change missing from tcp/arcs.cpp");
  state_ = s;
  env_.state_changed(from, s, cause);
}

void Connection::enter_time_wait(Cause cause) {
  set_state(State::TimeWait, cause);
  env_.cancel(Timer::Retransmit);
  retransmit_armed_ = false;
  if (cfg_.no_time_wait) {
    env_.note(TcpNote::NoTimeWait);
    finish(CloseReason::Normal, false);
    return;
  }
  env_.arm(Timer::TimeWait, env_.now() + cfg_.msl * 2);
}

void Connection::finish(CloseReason why, bool notify_peer_with_rst) {
  if (notify_peer_with_rst) {
    // RST carries SND.NXT so that the peer finds it exactly at RCV.NXT (RFC 5961).
    wire::TcpSegment r = make_segment(RST | ACK, snd_nxt_);
    emit(r, {.kind = why == CloseReason::GaveUp ? FrameNoteKind::HalfOpenReset : FrameNoteKind::None});
  }
  env_.cancel(Timer::Retransmit);
  env_.cancel(Timer::TimeWait);
  env_.cancel(Timer::DelayedAck);
  env_.cancel(Timer::Keepalive);
  env_.cancel(Timer::Persist);
  retransmit_armed_ = delayed_ack_armed_ = persist_armed_ = false;
  set_state(State::Closed, cause_of(why));
  env_.closed(why);
}

Connection::Vars Connection::vars() const {
  return Vars{iss_, irs_, snd_una_, snd_nxt_, snd_wnd_, rcv_nxt_, recv_window(), cwnd_, ssthresh_, srtt_, rttvar_, rto_,
              send_buf_.size(), unread_};
}

size_t Connection::memory_bytes() const {
  size_t held = 0;
  for (const auto& [s, b] : out_of_order_) held += b.size();
  return kControlBlockBytes + send_buf_.size() + held + unread_;
}

}  // namespace synack::tcp

namespace synack::tcp {

// Every segment with ACK set acknowledges all we have: a pending delayed ACK is moot.
void Connection::emit(const wire::TcpSegment& s, const FrameNote& note) {
  if (s.has(ACK)) {
    unacked_in_order_ = 0;
    if (delayed_ack_armed_) {
      env_.cancel(Timer::DelayedAck);
      delayed_ack_armed_ = false;
    }
  }
  // Notes for what a reader of a capture looks for, in the terms Wireshark uses: an
  // ACK that repeats the last one exactly (RFC 5681 2's duplicate ACK: no data, no
  // SYN/FIN, same acknowledgment, same window), and a window of 0, which stops the
  // sender (RFC 9293 3.8.6.1).
  const bool control = s.flags & (SYN | FIN | RST);
  const bool repeats = s.has(ACK) && last_ack_sent_ && last_ack_sent_->first == s.ack && last_ack_sent_->second == s.window;
  if (s.has(ACK)) last_ack_sent_ = std::make_pair(s.ack, s.window);
  if (note.empty() && !control && s.window == 0) return env_.send(s, {.kind = FrameNoteKind::ZeroWindow});
  if (note.empty() && !control && s.payload.empty() && repeats) return env_.send(s, {.kind = FrameNoteKind::DuplicateAck});
  env_.send(s, note);
}

}  // namespace synack::tcp

namespace synack::tcp {

// Slow start below ssthresh, congestion avoidance above (RFC 5681 3.1).
void Connection::on_new_ack(uint32_t acked) {
  if (cwnd_ < ssthresh_) {
    cwnd_ += std::min<uint32_t>(acked, peer_mss_);
  } else {
    cwnd_ += std::max<uint32_t>(1, static_cast<uint32_t>(peer_mss_) * peer_mss_ / std::max<uint32_t>(cwnd_, 1));
  }
}

// Three duplicate ACKs: halve, resend the missing segment, inflate by the three
// segments that left the network (RFC 5681 3.2 steps 2-3, RFC 6582).
void Connection::enter_fast_recovery() {
  ssthresh_ = std::max(flight_size() / 2, 2u * peer_mss_);
  recover_ = snd_max_;
  fast_recovery_ = true;
  retransmit_earliest(RetransmitCause::FastRetransmit);
  cwnd_ = ssthresh_ + 3u * peer_mss_;
}

void Connection::set_keepalive(bool on) {
  keepalive_ = on;
  if (!on) {
    env_.cancel(Timer::Keepalive);
  } else if (state_ == State::Established || state_ == State::CloseWait) {
    touch_keepalive();
  }
}

void Connection::touch_keepalive() {
  keepalive_sent_ = 0;
  env_.arm(Timer::Keepalive, env_.now() + cfg_.keepalive_idle);
}

}  // namespace synack::tcp
