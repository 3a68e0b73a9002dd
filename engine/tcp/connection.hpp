#pragma once
// One TCP connection: the transmission control block and the RFC 9293 state machine.
// Sans-IO: it owns no clock and does no I/O. Segments come in through on_segment(),
// timers through on_timer(), application calls through the user calls; everything it
// does goes out through the Env it was given (segments, timers, trace, app events).
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "sim/time.hpp"
#include "tcp/byte_queue.hpp"
#include "tcp/config.hpp"
#include "tcp/state.hpp"
#include "trace/trace.hpp"
#include "wire/addr.hpp"
#include "wire/tcp_header.hpp"

namespace synack::tcp {

struct FourTuple {
  wire::Ipv4Addr local_ip;
  uint16_t local_port = 0;
  wire::Ipv4Addr remote_ip;
  uint16_t remote_port = 0;
  auto operator<=>(const FourTuple&) const = default;
  std::string str() const;
};


// Why a connection ended, as the application sees it.
enum class CloseReason : uint8_t { Normal, Refused, Reset, TimedOut, Aborted, GaveUp };
const char* to_string(CloseReason r);
Cause cause_of(CloseReason r);  // the state change to CLOSED it makes

class Env {
 public:
  virtual ~Env() = default;
  virtual sim::Time now() const = 0;
  // note: a retransmission, a probe and the like, shown beside the frame.
  virtual void send(const wire::TcpSegment& seg, const trace::FrameNote& note) = 0;
  virtual void arm(Timer t, sim::Time deadline) = 0;
  virtual void cancel(Timer t) = 0;
  virtual void state_changed(State from, State to, Cause cause) = 0;
  virtual void note(trace::TcpNote what, uint64_t n = 0) = 0;  // a rule applied, for the trace
  // Application-facing events.
  virtual void established() = 0;
  // In-order data for the application; returns how many bytes it read at once (the rest
  // stays in the receive buffer and narrows the window until app_read()).
  virtual size_t data_arrived(const wire::Bytes& data) = 0;
  virtual void peer_closed() = 0;  // the peer's FIN: end of its data
  virtual void writable() = 0;     // acknowledged bytes left the send buffer: room for more
  virtual void closed(CloseReason why) = 0;  // the TCB is gone; the host may free it
};

class Connection {
 public:
  // `cfg` must outlive the connection (the host's configuration does).
  Connection(Env& env, const TcpConfig& cfg, FourTuple tuple, uint32_t iss);

  // --- user calls (RFC 9293 3.10.1 - 3.10.6) ---
  void open_active();                                      // connect(): send SYN
  void open_passive(const wire::TcpSegment& syn);          // a listener's SYN makes this TCB
  size_t send(const wire::Bytes& data);                    // returns bytes accepted into the buffer
  size_t send_room() const;                                // bytes send() would accept now
  void close();                                            // no more data from us: FIN after the buffer
  void abort();                                            // RST now, drop everything

  // --- arriving segments and timers (RFC 9293 3.10.7, 3.10.8) ---
  void on_segment(const wire::TcpSegment& seg);
  void on_timer(Timer t);

  // --- a SYN for this four-tuple while we are in TIME-WAIT (time_wait_reopen) ---
  bool syn_may_reopen(const wire::TcpSegment& syn) const;  // may it open the next connection?
  uint32_t reopen_iss() const;  // that connection's ISS: beyond all this one sent
  void end_for_reopen();        // TIME-WAIT ends: the four-tuple goes to the new connection

  State state() const { return state_; }
  const FourTuple& tuple() const { return tuple_; }
  bool passive() const { return passive_; }

  // Control-block variables, for the host panel and the trace.
  struct Vars {
    uint32_t iss, irs, snd_una, snd_nxt, snd_wnd, rcv_nxt, rcv_wnd;
    uint32_t cwnd, ssthresh;
    sim::Duration srtt, rttvar, rto;
    size_t send_buffered, recv_buffered;
  };
  // Turns keepalive on or off for this connection (SO_KEEPALIVE).
  void set_keepalive(bool on);
  // The application took n bytes out of the receive buffer: the window opens again.
  void app_read(size_t n);
  Vars vars() const;
  // The window field our next segment would carry (scaled as the peer reads it).
  uint16_t window_field() const { return advertised_window(); }
  // Memory the connection holds, as the trace reports it: a fixed control-block size
  // plus buffered bytes. Fixed (not sizeof) so native and browser traces are identical.
  static constexpr size_t kControlBlockBytes = 384;
  size_t memory_bytes() const;

 private:
  // State machine steps, named after the RFC's event processing.
  void segment_in_syn_sent(const wire::TcpSegment& seg);
  void segment_synchronized(const wire::TcpSegment& seg);
  bool acceptable(const wire::TcpSegment& seg) const;
  void process_rst(const wire::TcpSegment& seg);
  bool process_ack(const wire::TcpSegment& seg);
  void process_text(const wire::TcpSegment& seg);
  void process_fin();

  void set_state(State s, Cause cause);
  void enter_time_wait(Cause cause);
  void finish(CloseReason why, bool notify_peer_with_rst);

  // Output.
  wire::TcpSegment make_segment(uint8_t flags, uint32_t seq) const;
  wire::TcpOptions syn_options() const;
  void send_syn(bool with_ack, const trace::FrameNote& note);
  void emit(const wire::TcpSegment& s, const trace::FrameNote& note);
  void send_ack();
  bool may_answer_invalid(const wire::TcpSegment& seg);
  void arm_persist(sim::Duration backoff);  // the zero-window probe timer, `backoff` from now
  void ack_soon(bool data = true);  // now, or within the delayed-ACK timeout when that option is on
  void send_rst(uint32_t seq);
  void push_data();  // send what the window allows, then FIN when due
  bool send_refused() const;
  void retransmit_earliest(trace::RetransmitCause why);
  bool data_retries_exhausted();  // after a timeout: give up now?
  void restart_retransmit_timer();
  sim::Time deadline_within_user_timeout(sim::Time deadline, sim::Time since) const;
  bool user_timeout_over(sim::Time since);  // true: the connection has just ended
  void rtt_sample(sim::Duration r);
  uint16_t advertised_window() const;
  uint32_t ts_value() const;
  uint32_t recv_window() const;
  void apply_peer_options(const wire::TcpOptions& o);
  // Congestion control (RFC 5681, NewReno RFC 6582).
  void on_new_ack(uint32_t acked);
  void enter_fast_recovery();
  uint32_t flight_size() const { return snd_max_ - snd_una_; }
  void touch_keepalive();  // traffic seen: restart the idle clock

  Env& env_;
  const TcpConfig& cfg_;  // the host's: one copy per host, not per connection (sysctl-like)
  FourTuple tuple_;
  State state_ = State::Closed;
  bool passive_ = false;

  // Send sequence space (RFC 9293 3.3.1).
  uint32_t iss_ = 0, snd_una_ = 0, snd_nxt_ = 0, snd_wnd_ = 0, snd_wl1_ = 0, snd_wl2_ = 0;
  uint32_t snd_max_ = 0;  // highest sequence sent so far (SND.NXT may step back on retransmit)
  // Receive sequence space.
  uint32_t irs_ = 0, rcv_nxt_ = 0;

  // Negotiated options.
  uint16_t peer_mss_ = 536;  // RFC 9293 3.7.1: assume 536 when no MSS option came
  uint8_t snd_shift_ = 0, rcv_shift_ = 0;
  bool sack_ok_ = false, ts_ok_ = false;
  uint32_t ts_recent_ = 0;
  uint32_t rcv_wnd_cap_ = 0;  // linux_wire: the window Linux opens with (0: no cap)

  // Buffers: send_buf_ holds bytes from SND.UNA (acknowledged bytes are removed).
  ByteQueue send_buf_;
  bool freed_send_space_ = false;
  bool fin_queued_ = false;    // close() was called: FIN follows the data
  bool fin_sent_ = false;
  uint32_t fin_seq_ = 0;       // sequence number our FIN occupies
  std::map<uint32_t, wire::Bytes> out_of_order_;  // keyed by sequence number
  std::optional<uint32_t> peer_fin_seq_;          // a FIN seen beyond RCV.NXT
  bool peer_fin_received_ = false;
  bool synack_trimmed_ = false;  // processing a simultaneous open's SYN,ACK without its SYN

  // RTO (RFC 6298).
  bool have_rtt_ = false;
  sim::Duration srtt_{}, rttvar_{}, rto_{};
  std::optional<uint32_t> rtt_seq_;  // sequence whose ACK ends the running measurement
  sim::Time rtt_start_{};
  int retries_ = 0;       // consecutive retransmissions of the same data
  int dupacks_ = 0;
  int unacked_in_order_ = 0;   // in-order segments received since our last ACK
  bool tlp_sent_ = false;      // tail_loss_probe: this flight's probe has gone
  sim::Time syn_sent_at_{};    // syn_linear_timeouts: the first SYN left then
  sim::Time first_timeout_at_{};  // data_retries_as_time: the first timeout of this data fired then
  int quickacks_left_ = -1;    // -1: the quick-ACK allowance not yet given (at the first data)
  uint32_t small_end_ = 0;     // nagle_minshall: the end of the last sub-MSS segment sent
  bool delayed_ack_armed_ = false;
  // The acknowledgment and window of the last segment we sent with ACK: a pure ACK that
  // repeats both is a duplicate ACK (RFC 5681 2), and its note says so.
  std::optional<std::pair<uint32_t, uint16_t>> last_ack_sent_;
  std::optional<uint32_t> recover_;  // NewReno (RFC 6582): SND.MAX when loss recovery began
  bool fast_recovery_ = false;
  uint32_t cwnd_ = 0, ssthresh_ = 0x7fffffff;
  bool retransmit_armed_ = false;
  bool keepalive_ = false;
  std::optional<sim::Time> last_invalid_answer_;  // ACK throttling for invalid segments (RFC 5961 7)
  uint32_t unread_ = 0;            // delivered in order, not yet read by the application
  bool persist_armed_ = false;
  sim::Duration persist_backoff_{};
  sim::Time probing_since_{};      // when the zero window began to stall us (user timeout)
  int probes_unanswered_ = 0;      // zero-window probes since the peer was last heard
  sim::Time unacked_since_{};      // when the oldest unacknowledged data was sent (user timeout)
  int keepalive_sent_ = 0;  // probes sent since the peer was last heard
};

}  // namespace synack::tcp
