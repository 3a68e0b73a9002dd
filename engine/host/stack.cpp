#include "host/stack.hpp"

#include <algorithm>
#include <cstdint>

#include "host/conn.hpp"
#include "tcp/isn.hpp"

namespace synack::host {

using trace::TraceEvent;

// One way into the stack. The outermost one frees the connections that ended during
// it, once none of their member functions is running.
class Stack::Entry {
 public:
  explicit Entry(Stack& s) : s_(s) { ++s_.depth_; }
  ~Entry() {
    if (--s_.depth_ == 0) s_.ended_.clear();
  }
  Entry(const Entry&) = delete;
  Entry& operator=(const Entry&) = delete;

 private:
  Stack& s_;
};

Stack::Stack(link::Context ctx, uint16_t id, HostConfig cfg, uint64_t seed)
    : ctx_(ctx), id_(id), cfg_(std::move(cfg)), nic_(ctx, id, cfg_.nic), rng_(seed) {
  nic_.config().mac = cfg_.mac;
  isn_secret_ = rng_.next_u64();
  next_ip_id_ = static_cast<uint16_t>(rng_.next_u32());
  nic_.on_deliver([this](uint32_t frame) {
    Entry in(*this);
    receive_frame(frame);
  });
}

Stack::~Stack() = default;

void Stack::later(sim::Time at, sim::Action fn) { ctx_.queue.schedule(at, std::move(fn)); }

void Stack::record(TraceEvent e) {
  e.host = id_;
  // Events of a connection name its peer, so that a view of two hosts among many can
  // keep only the connection between them.
  if (e.conn && e.conn <= sockets_.size() && !sockets_[e.conn - 1].listening)
    e.peer_ip = sockets_[e.conn - 1].tuple.remote_ip.v;
  ctx_.record(std::move(e));
}

void Stack::account(int sock) {
  auto it = conns_.find(sock);
  if (it == conns_.end()) return;
  const size_t now = it->second->tcb.memory_bytes();
  mem_total_ = mem_total_ - it->second->counted + now;
  it->second->counted = now;
  // Buffers filling or draining change what the host holds: report it once it has
  // moved by 4 KB, so a bulk transfer adds a line per few segments, not per segment.
  const size_t moved = mem_total_ > mem_recorded_ ? mem_total_ - mem_recorded_ : mem_recorded_ - mem_total_;
  if (moved >= 4096) record_memory();
}

void Stack::record_tcb(int sock) {
  auto it = conns_.find(sock);
  if (it == conns_.end()) return;
  // Every call into a connection ends here, so the host's memory total stays exact
  // without summing thousands of connections each time it is reported.
  account(sock);
  const tcp::Connection::Vars v = it->second->tcb.vars();
  trace::TcbSnapshot s{v.snd_una, v.snd_nxt, v.snd_wnd, v.rcv_nxt, v.rcv_wnd, v.iss, v.irs, v.cwnd, v.ssthresh,
                       v.rto.ns, v.srtt.ns, static_cast<uint32_t>(v.send_buffered)};
  size_t& last = it->second->last_tcb;
  if (last != SIZE_MAX && ctx_.trace.tcb_snapshots()[last] == s) return;
  last = ctx_.trace.add_snapshot(s);
  record(TraceEvent{.conn = static_cast<uint32_t>(sock), .what = trace::Tcb{static_cast<uint32_t>(last)}});
}

void Stack::record_memory() {
  mem_recorded_ = memory_bytes();
  record(TraceEvent{.what = trace::Memory{static_cast<int64_t>(memory_bytes()), static_cast<int64_t>(conns_.size())}});
}

int Stack::new_socket() {
  SocketInfo s;
  s.id = static_cast<int>(sockets_.size()) + 1;
  sockets_.push_back(s);
  return s.id;
}

const SocketInfo* Stack::socket(int id) const {
  return id >= 1 && static_cast<size_t>(id) <= sockets_.size() ? &sockets_[static_cast<size_t>(id - 1)] : nullptr;
}

const tcp::Connection* Stack::connection(int sock) const {
  auto it = conns_.find(sock);
  return it == conns_.end() ? nullptr : &it->second->tcb;
}

// ---------------------------------------------------------------------------------
// Socket API
// ---------------------------------------------------------------------------------

int Stack::listen(uint16_t port, int backlog, bool keepalive) {
  Entry in(*this);
  const int id = new_socket();
  SocketInfo& s = sock(id);
  s.listening = true;
  s.port = port;
  s.backlog = backlog;
  s.keepalive = keepalive;
  record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppCall{.call = trace::Call::Listen, .port = port}});
  if (listeners_.count(port)) {
    s.done = true;
    record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppResult{trace::Result::ListenAddressInUse}});
    return id;
  }
  listeners_[port] = id;
  record(trace::state_change(static_cast<uint32_t>(id), tcp::State::Closed, tcp::State::Listen, tcp::Cause::Listen));
  return id;
}

int Stack::connect(wire::Ipv4Addr dst, uint16_t port, std::optional<uint16_t> local_port, bool keepalive) {
  Entry in(*this);
  const int id = new_socket();
  sock(id).keepalive = keepalive;
  tcp::FourTuple t{cfg_.ip, 0, dst, port};
  if (local_port) {
    t.local_port = *local_port;
  } else {
    // Ephemeral ports count up from 49152 (IANA's dynamic range), skipping ports in use.
    do {
      t.local_port = next_ephemeral_;
      next_ephemeral_ = next_ephemeral_ == 65535 ? 49152 : static_cast<uint16_t>(next_ephemeral_ + 1);
    } while (demux_.count(t));
  }
  sock(id).tuple = t;
  record(TraceEvent{.conn = static_cast<uint32_t>(id),
                    .what = trace::AppCall{.call = trace::Call::Connect, .port = port, .local_port = t.local_port, .ip = dst}});
  if (demux_.count(t)) {
    sock(id).done = true;
    sock(id).error = tcp::CloseReason::Refused;
    record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppResult{trace::Result::ConnectAddressInUse}});
    return id;
  }
  Conn* c = new_connection(t, id, 0);
  c->tcb.open_active();
  record_tcb(id);
  return id;
}

bool Stack::send(int id, uint64_t bytes) {
  if (!valid(id)) return false;
  record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppCall{.call = trace::Call::Send, .bytes = bytes}});
  const SocketInfo& s = sock(id);
  if (s.app_closed && !s.listening) {
    // After shutdown(SHUT_WR) or close() our side has no more to send (RFC 9293 3.10.2:
    // "connection closing"); POSIX send() fails with EPIPE.
    record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppResult{trace::Result::SendEpipe}});
    return false;
  }
  if (s.done || !conns_.count(id)) {
    record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppResult{trace::Result::SendNotConnected}});
    return false;
  }
  return true;
}

uint64_t Stack::write(int id, uint64_t bytes, const Fill& fill) {
  Entry in(*this);
  auto it = conns_.find(id);
  if (it == conns_.end()) return 0;
  SocketInfo& s = sock(id);
  uint64_t left = bytes;
  while (left > 0) {
    // Only as many bytes as the buffer takes: making a full chunk on every ACK and
    // throwing most of it away was 80% of a bulk transfer's instructions.
    const size_t room = it->second->tcb.send_room();
    const size_t chunk = static_cast<size_t>(std::min<uint64_t>({left, 16384, room}));
    wire::Bytes data(chunk);
    fill(data.data(), chunk, s.bytes_sent);
    const size_t taken = it->second->tcb.send(data);
    s.bytes_sent += taken;
    left -= taken;
    if (taken < chunk || chunk == 0) break;  // full (send() still pushes what it holds)
  }
  record_tcb(id);  // once for the whole call: its chunks happen at one instant
  return bytes - left;
}

bool Stack::close(int id, sim::Duration idle, bool more_to_write) {
  Entry in(*this);
  if (!valid(id)) return false;
  SocketInfo& s = sock(id);
  if (s.app_closed || s.done) return false;
  s.app_closed = true;
  record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppCall{.call = trace::Call::Close, .idle_ns = idle.ns}});
  if (s.listening) {
    if (listeners_.count(s.port) && listeners_[s.port] == id) listeners_.erase(s.port);
    s.done = true;
    record(trace::state_change(static_cast<uint32_t>(id), tcp::State::Listen, tcp::State::Closed,
                               tcp::Cause::CloseListener));
    return false;
  }
  auto it = conns_.find(id);
  if (it == conns_.end()) return false;
  if (s.unread > 0) {
    // Closing with data the application never read loses it; RFC 2525 2.17 (and Linux)
    // say to tell the peer at once with RST instead of a FIN that would claim all is well.
    record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::Note{.kind = trace::NoteKind::CloseUnread, .n = s.unread}});
    it->second->tcb.abort();
    return false;
  }
  if (more_to_write) return true;
  it->second->tcb.close();
  record_tcb(id);
  return false;
}

void Stack::finish_close(int id) {
  Entry in(*this);
  auto it = conns_.find(id);
  if (it == conns_.end()) return;
  it->second->tcb.close();
  record_tcb(id);
}

void Stack::abort(int id) {
  Entry in(*this);
  if (!valid(id)) return;
  if (sock(id).done) return;
  sock(id).app_closed = true;
  record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppCall{.call = trace::Call::Abort}});
  auto it = conns_.find(id);
  if (it == conns_.end()) return;
  it->second->tcb.abort();
}

void Stack::read(int id, uint64_t bytes) {
  Entry in(*this);
  if (!valid(id)) return;
  SocketInfo& s = sock(id);
  const uint64_t n = std::min(bytes, s.unread);
  record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppCall{.call = trace::Call::Recv, .bytes = bytes, .n = n}});
  s.unread -= n;
  s.bytes_received += n;
  auto it = conns_.find(id);
  if (it != conns_.end()) {
    it->second->tcb.app_read(n);
    record_tcb(id);
  }
  if (n > 0 && s.unread == 0 && s.peer_closed && !s.app_closed) app_sees_eof(id);
}

void Stack::app_sees_eof(int id) {
  record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppResult{trace::Result::PeerClosed}});
  if (app_) app_->eof(id);
}

// ---------------------------------------------------------------------------------
// Connections
// ---------------------------------------------------------------------------------

Stack::Conn* Stack::new_connection(const tcp::FourTuple& t, int id, int listener, std::optional<uint32_t> iss_given) {
  SocketInfo& s = sock(id);
  s.tuple = t;
  if (listener) {
    const SocketInfo& l = sock(listener);
    s.port = l.port;
    s.keepalive = l.keepalive;
    s.listener = listener;
  }
  const uint32_t iss = iss_given ? *iss_given : tcp::make_isn(t, isn_secret_, ctx_.now());
  Conn* c = new Conn(*this, id, cfg_.tcp, t, iss);
  conns_[id] = std::unique_ptr<Conn>(c);
  account(id);
  demux_[t] = id;
  record_memory();
  if (s.keepalive) c->tcb.set_keepalive(true);
  return c;
}

void Stack::retire_connection(int id) {
  auto it = conns_.find(id);
  if (it == conns_.end()) return;
  if (it->second->env.slot != ConnEnv::kNoSlot) ctx_.queue.remove_timer(it->second->env.slot);
  demux_.erase(it->second->tcb.tuple());
  mem_total_ -= it->second->counted;
  ended_.push_back(std::move(it->second));
  conns_.erase(it);
  record_memory();
}

void Stack::ConnEnv::send(const wire::TcpSegment& seg, const trace::FrameNote& note) {
  stack_.output(stack_.sock(sock_).tuple, seg, note);
}

tcp::Timer Stack::ConnEnv::earliest() const {
  size_t best = kTimers;
  for (size_t k = 0; k < kTimers; ++k) {
    if (!order[k]) continue;
    if (best == kTimers || deadline[k] < deadline[best] || (deadline[k] == deadline[best] && order[k] < order[best]))
      best = k;
  }
  return static_cast<tcp::Timer>(best);
}

void Stack::ConnEnv::rearm_slot() {
  const size_t k = static_cast<size_t>(earliest());
  if (k == kTimers) {
    if (slot != kNoSlot) stack_.ctx_.queue.clear_timer(slot);
    return;
  }
  if (slot == kNoSlot) {
    const int sock = sock_;
    Stack* s = &stack_;
    slot = stack_.ctx_.queue.add_timer([s, sock] {
      Entry in(*s);
      auto it = s->conns_.find(sock);
      if (it == s->conns_.end()) return;
      ConnEnv& env = it->second->env;
      const tcp::Timer t = env.earliest();
      const size_t due = static_cast<size_t>(t);
      env.order[due] = 0;
      env.rearm_slot();
      s->record(TraceEvent{.conn = static_cast<uint32_t>(sock), .what = trace::TimerEvent{t, trace::TimerAction::Fired}});
      it->second->tcb.on_timer(t);
      s->record_tcb(sock);
    });
  }
  stack_.ctx_.queue.set_timer(slot, sim::Time{deadline[k]}, order[k]);
}

void Stack::ConnEnv::arm(tcp::Timer t, sim::Time deadline_at) {
  const size_t k = static_cast<size_t>(t);
  deadline[k] = deadline_at.ns;
  order[k] = stack_.ctx_.queue.next_sequence();
  rearm_slot();
  stack_.record(TraceEvent{.conn = static_cast<uint32_t>(sock_),
                           .what = trace::TimerEvent{t, trace::TimerAction::Armed, deadline_at.ns}});
}

void Stack::ConnEnv::cancel(tcp::Timer t) {
  const size_t k = static_cast<size_t>(t);
  if (!order[k]) return;
  order[k] = 0;
  rearm_slot();
  stack_.record(TraceEvent{.conn = static_cast<uint32_t>(sock_), .what = trace::TimerEvent{t, trace::TimerAction::Cancelled}});
}

void Stack::ConnEnv::state_changed(tcp::State from, tcp::State to, tcp::Cause cause) {
  // A listener's backlog counts its connections in SYN-RCVD.
  if (const int l = stack_.sock(sock_).listener) {
    if (to == tcp::State::SynReceived) ++stack_.sock(l).half_open;
    if (from == tcp::State::SynReceived) --stack_.sock(l).half_open;
  }
  stack_.record(trace::state_change(static_cast<uint32_t>(sock_), from, to, cause));
}

void Stack::ConnEnv::established() {
  SocketInfo& s = stack_.sock(sock_);
  s.connected = true;
  stack_.record(TraceEvent{.conn = static_cast<uint32_t>(sock_),
                           .what = trace::AppResult{s.listening || s.listener ? trace::Result::Accepted
                                                                               : trace::Result::Connected}});
  if (stack_.app_) stack_.app_->established(sock_);
}

size_t Stack::ConnEnv::data_arrived(const wire::Bytes& data) {
  SocketInfo& s = stack_.sock(sock_);
  // Offsets count every byte that arrived, read now or later.
  const uint64_t offset = s.bytes_received + s.unread;
  if (!stack_.app_ || !stack_.app_->data(sock_, data, offset)) {
    s.unread += data.size();
    return 0;  // the application is not reading: the bytes wait in the receive buffer
  }
  s.bytes_received += data.size();
  stack_.record(TraceEvent{.conn = static_cast<uint32_t>(sock_),
                           .what = trace::AppResult{.result = trace::Result::Received, .n = data.size()}});
  return data.size();
}

void Stack::ConnEnv::peer_closed() {
  SocketInfo& s = stack_.sock(sock_);
  s.peer_closed = true;
  // recv() returns 0 only after every byte before the FIN has been read: an application
  // that is not reading has not seen the end yet (and stays in CLOSE-WAIT meanwhile).
  if (s.unread == 0) stack_.app_sees_eof(sock_);
}

void Stack::ConnEnv::closed(tcp::CloseReason why) {
  SocketInfo& s = stack_.sock(sock_);
  s.done = true;
  if (why != tcp::CloseReason::Normal) s.error = why;
  // A listener's connection that accept() never returned (reset in SYN-RCVD, given up
  // after its SYN,ACK retries) ends inside the kernel: the application never had it, so
  // it hears nothing (RFC 9293 3.10.7.4: "the user need not be informed").
  if (s.listener && !s.connected) {
    stack_.retire_connection(sock_);
    return;
  }
  stack_.record(TraceEvent{.conn = static_cast<uint32_t>(sock_),
                           .what = trace::AppResult{.result = trace::Result::Ended, .cause = tcp::cause_of(why)}});
  stack_.retire_connection(sock_);
  if (stack_.app_) stack_.app_->ended(sock_);
}

}  // namespace synack::host
