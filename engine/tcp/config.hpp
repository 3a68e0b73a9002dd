#pragma once
// Every behaviour where stacks differ is a named option. Defaults follow the RFCs;
// linux_like() gives the values a Linux 6.x host uses.
#include <cstdint>
#include <string>

#include "sim/time.hpp"

namespace synack::tcp {

// The two sets of defaults a scenario's TCP starts from (`profile` in [tcp]).
enum class Profile { Rfc, Linux };

struct TcpConfig {
  uint16_t mss = 1460;                 // announced in the SYN (RFC 9293 3.7.1)
  uint32_t recv_buffer = 65535;        // bytes the receiver may hold
  uint32_t send_buffer = 65535;
  bool window_scaling = true;          // RFC 7323
  uint8_t window_shift = 7;            // our scale factor when scaling is on
  bool sack_permitted = true;          // RFC 2018: announced in the SYN
  bool timestamps = false;             // RFC 7323: off keeps the common 32-byte SYN header

  sim::Duration initial_rto = sim::seconds(1);   // RFC 6298 (2.1)
  sim::Duration min_rto = sim::seconds(1);       // RFC 6298 (2.4); Linux uses 200 ms
  sim::Duration max_rto = sim::seconds(60);      // RFC 6298 (2.5)
  sim::Duration clock_granularity = sim::milliseconds(1);
  int syn_retries = 6;                 // client SYN retransmissions before giving up
  int synack_retries = 5;              // server SYN-ACK retransmissions before giving up
  bool rst_on_synack_giveup = false;   // some stacks reset a half-open connection; RFC 9293 and Linux do not
  int data_retries = 15;               // retransmissions of data/FIN, or unanswered zero-window probes, before giving up (Linux tcp_retries2)
  sim::Duration user_timeout{};        // RFC 9293 3.8.3: give up when a SYN, data or a zero window waits this long (0: off)
  sim::Duration invalid_ack_interval = sim::milliseconds(500);  // RFC 5961 7 throttle; Linux tcp_invalid_ratelimit
  sim::Duration msl = sim::seconds(120);          // RFC 9293: MSL 2 minutes, TIME-WAIT 2*MSL
  int dupack_threshold = 3;            // fast retransmit (RFC 5681 3.2)
  int initial_window_segments = 0;     // 0: RFC 5681's min(4*MSS, max(2*MSS, 4380)); Linux: 10
  bool nagle = true;                   // RFC 1122 4.2.3.4: hold small segments while data is unacknowledged
  bool keepalive = false;              // RFC 1122 4.2.3.6: off unless the application asks
  sim::Duration keepalive_idle = sim::seconds(7200);     // at least two hours by default
  sim::Duration keepalive_interval = sim::seconds(75);
  int keepalive_probes = 9;
  bool delayed_ack = false;            // RFC 1122 4.2.3.2: hold an ACK hoping to ride on data or a FIN
  sim::Duration delayed_ack_timeout = sim::milliseconds(200);  // at most 500 ms; Linux uses 40 ms
  int quickack_segments = 0;           // Linux: the first 16 data segments are ACKed at once (quick-ACK mode)
  bool nagle_minshall = false;         // Linux: hold a small segment only while an earlier small one is unACKed
  bool tail_loss_probe = false;        // RFC 8985 7 (Linux): the first timeout of a flight resends without backoff
  int syn_linear_timeouts = 0;         // Linux 6.x: the first 4 SYN retries at the initial RTO, no backoff
  bool data_retries_as_time = false;   // Linux (tcp_model_timeout): data_retries is the time that many doubling
                                       // timeouts from min_rto would take, counted from the first timeout
  bool linux_wire = false;             // Linux's picks where the RFCs leave room: opening windows 64240/65160,
                                       // scaled windows rounded up, a per-connection TSval offset, and an RST
                                       // from a live connection carrying its window and timestamps
  bool time_wait_reopen = false;       // Linux (tcp_timewait_state_process, TCP_TW_SYN): a SYN reaching TIME-WAIT
                                       // with a higher ISN or a newer timestamp opens the next connection at once
                                       // (RFC 9293 3.6.1 MAY-2, RFC 6191); off: the challenge ACK of 3.10.7.4

  // Counterfactual variants, for "what if" lessons. NOT real TCP.
  bool no_time_wait = false;           // close at once instead of waiting 2*MSL
  bool two_way_handshake = false;      // the server counts a connection open once its SYN,ACK leaves

  static TcpConfig rfc() { return {}; }
  static TcpConfig linux_like() {
    TcpConfig c;
    c.timestamps = true;
    c.delayed_ack = true;
    c.delayed_ack_timeout = sim::milliseconds(40);
    c.initial_window_segments = 10;
    c.min_rto = sim::milliseconds(200);
    c.syn_retries = 6;
    c.synack_retries = 5;
    c.msl = sim::seconds(30);  // Linux's TIME-WAIT is a fixed 60 s
    c.recv_buffer = 131072;
    c.quickack_segments = 16;
    c.nagle_minshall = true;
    c.linux_wire = true;
    c.tail_loss_probe = true;
    c.syn_linear_timeouts = 4;
    c.data_retries_as_time = true;
    c.time_wait_reopen = true;
    c.max_rto = sim::seconds(120);  // TCP_RTO_MAX
    return c;
  }
  static TcpConfig of(Profile p) { return p == Profile::Linux ? linux_like() : rfc(); }
};

}  // namespace synack::tcp
