#include "host/host.hpp"

#include <cstdint>

#include "tcp/isn.hpp"
#include "wire/frame.hpp"

namespace synack::host {

using trace::DropReason;
using trace::TraceEvent;
using namespace wire::tcpflag;

// The bridge between one connection and its host: the Env the sans-IO TCP talks to.
class Host::ConnEnv final : public tcp::Env {
 public:
  ConnEnv(Host& h, int sock) : host_(h), sock_(sock) {}
  sim::Time now() const override { return host_.ctx_.now(); }
  void send(const wire::TcpSegment& seg, const trace::FrameNote& note) override;
  void arm(tcp::Timer t, sim::Time deadline) override;
  void cancel(tcp::Timer t) override;
  void state_changed(tcp::State from, tcp::State to, tcp::Cause cause) override;
  void note(trace::TcpNote what, uint64_t n) override {
    host_.record(TraceEvent{.conn = static_cast<uint32_t>(sock_), .what = trace::Note{.tcp = what, .n = n}});
  }
  void established() override;
  size_t data_arrived(const wire::Bytes& data) override;
  void peer_closed() override;
  void writable() override { host_.pump_app_send(sock_); }
  void closed(tcp::CloseReason why) override;

  sim::EventId timers[static_cast<size_t>(tcp::Timer::Count_)] = {};

 private:
  Host& host_;
  int sock_;
};

struct Host::Conn {
  ConnEnv env;
  tcp::Connection tcb;
  size_t counted = 0;  // this connection's share of mem_total_
  size_t last_tcb = SIZE_MAX;  // index in the trace of the last snapshot recorded for it
  Conn(Host& h, int sock, const tcp::TcpConfig& cfg, const tcp::FourTuple& t, uint32_t iss)
      : env(h, sock), tcb(env, cfg, t, iss) {}
};

Host::Host(link::Context ctx, uint16_t id, HostConfig cfg, uint64_t seed)
    : ctx_(ctx), id_(id), cfg_(std::move(cfg)), nic_(ctx, id, cfg_.nic), rng_(seed) {
  nic_.config().mac = cfg_.mac;
  isn_secret_ = rng_.next_u64();
  next_ip_id_ = static_cast<uint16_t>(rng_.next_u32());
  nic_.on_deliver([this](uint32_t frame) { receive_frame(frame); });
}

Host::~Host() = default;

void Host::record(TraceEvent e) {
  e.host = id_;
  // Events of a connection name its peer, so that a view of two hosts among many can
  // keep only the connection between them.
  if (e.conn && e.conn <= sockets_.size() && !sockets_[e.conn - 1].listening)
    e.peer_ip = sockets_[e.conn - 1].tuple.remote_ip.v;
  ctx_.record(std::move(e));
}

void Host::account(int sock) {
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

void Host::record_tcb(int sock) {
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

void Host::record_memory() {
  mem_recorded_ = memory_bytes();
  record(TraceEvent{.what = trace::Memory{static_cast<int64_t>(memory_bytes()), static_cast<int64_t>(conns_.size())}});
}

size_t Host::memory_bytes() const { return mem_total_; }

int Host::new_socket() {
  SocketInfo s;
  s.id = static_cast<int>(sockets_.size()) + 1;
  sockets_.push_back(s);
  return s.id;
}

const tcp::Connection* Host::connection(int sock) const {
  auto it = conns_.find(sock);
  return it == conns_.end() ? nullptr : &it->second->tcb;
}

// ---------------------------------------------------------------------------------
// Socket API
// ---------------------------------------------------------------------------------

int Host::listen(uint16_t port, ListenOptions opts) {
  const int id = new_socket();
  SocketInfo& s = sock(id);
  s.listening = true;
  s.port = port;
  s.echo = opts.echo;
  s.close_on_eof = opts.close_on_eof;
  s.backlog = opts.backlog;
  s.send_on_accept = opts.send_on_accept;
  s.auto_read = opts.read;
  s.keepalive = opts.keepalive;
  s.idle_timeout = opts.idle_timeout;
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

int Host::connect(wire::Ipv4Addr dst, uint16_t port, ConnectOptions opts) {
  const int id = new_socket();
  sock(id).auto_read = opts.read;
  sock(id).keepalive = opts.keepalive;
  sock(id).close_on_eof = opts.close_on_eof;
  tcp::FourTuple t{cfg_.ip, 0, dst, port};
  if (opts.local_port) {
    t.local_port = *opts.local_port;
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

void Host::send(int id, uint64_t bytes) {
  if (id < 1 || static_cast<size_t>(id) > sockets_.size()) return;
  record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppCall{.call = trace::Call::Send, .bytes = bytes}});
  SocketInfo& s = sock(id);
  if (s.app_closed && !s.listening) {
    // After shutdown(SHUT_WR) or close() our side has no more to send (RFC 9293 3.10.2:
    // "connection closing"); POSIX send() fails with EPIPE.
    record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppResult{trace::Result::SendEpipe}});
    return;
  }
  if (s.done || s.close_pending || !conns_.count(id)) {
    record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppResult{trace::Result::SendNotConnected}});
    return;
  }
  s.bytes_to_send += bytes;
  pump_app_send(id);
}

// Moves the application's pending bytes into the TCP send buffer as room allows.
void Host::pump_app_send(int id) {
  auto it = conns_.find(id);
  if (it == conns_.end()) return;
  SocketInfo& s = sock(id);
  while (s.bytes_to_send > 0) {
    // Only as many pattern bytes as the buffer takes: making a full chunk on every ACK
    // and throwing most of it away was 80% of a bulk transfer's instructions.
    const size_t room = it->second->tcb.send_room();
    const size_t chunk = static_cast<size_t>(std::min<uint64_t>({s.bytes_to_send, 16384, room}));
    wire::Bytes data(chunk);
    fill_pattern(data.data(), chunk, s.bytes_sent);
    const size_t taken = it->second->tcb.send(data);
    s.bytes_sent += taken;
    s.bytes_to_send -= taken;
    if (taken < chunk || chunk == 0) break;  // full (send() still pushes what it holds)
  }
  record_tcb(id);  // once for the whole call: its chunks happen at one instant
  if (s.bytes_to_send == 0 && s.close_pending) {
    s.close_pending = false;
    it->second->tcb.close();
    record_tcb(id);
  }
}

void Host::close(int id) { close(id, sim::Duration{}); }

void Host::close(int id, sim::Duration idle) {
  if (id < 1 || static_cast<size_t>(id) > sockets_.size()) return;
  SocketInfo& s = sock(id);
  if (s.app_closed || s.done) return;
  s.app_closed = true;
  record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppCall{.call = trace::Call::Close, .idle_ns = idle.ns}});
  if (s.listening) {
    if (listeners_.count(s.port) && listeners_[s.port] == id) listeners_.erase(s.port);
    s.done = true;
    record(trace::state_change(static_cast<uint32_t>(id), tcp::State::Listen, tcp::State::Closed,
                               tcp::Cause::CloseListener));
    return;
  }
  auto it = conns_.find(id);
  if (it == conns_.end()) return;
  if (s.unread > 0) {
    // Closing with data the application never read loses it; RFC 2525 2.17 (and Linux)
    // say to tell the peer at once with RST instead of a FIN that would claim all is well.
    record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::Note{.kind = trace::NoteKind::CloseUnread, .n = s.unread}});
    s.bytes_to_send = 0;
    it->second->tcb.abort();
    return;
  }
  if (s.bytes_to_send > 0) {
    s.close_pending = true;
    return;
  }
  it->second->tcb.close();
  record_tcb(id);
}

void Host::abort(int id) {
  if (id < 1 || static_cast<size_t>(id) > sockets_.size()) return;
  if (sock(id).done) return;
  sock(id).app_closed = true;
  record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppCall{.call = trace::Call::Abort}});
  auto it = conns_.find(id);
  if (it == conns_.end()) return;
  sock(id).bytes_to_send = 0;
  it->second->tcb.abort();
}

void Host::read(int id, uint64_t bytes) {
  if (id < 1 || static_cast<size_t>(id) > sockets_.size()) return;
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

// ---------------------------------------------------------------------------------
// The request/response client (T17)
// ---------------------------------------------------------------------------------

void Host::start_requests(RequestOptions opts) {
  requests_ = opts;
  requests_done_ = 0;
  request_socket_ = 0;
  record(TraceEvent{.what = trace::AppCall{.call = trace::Call::Requests,
                                           .bytes = static_cast<uint64_t>(opts.bytes),
                                           .n = static_cast<uint64_t>(opts.count),
                                           .long_connection = opts.long_connection}});
  request_next();
}

// Opens a connection if the mode needs one, then sends the next request.
void Host::request_next() {
  if (!requests_ || requests_done_ >= requests_->count) return;
  SocketInfo* s = request_socket_ ? &sock(request_socket_) : nullptr;
  if (!s || s->done || !requests_->long_connection) {
    request_socket_ = connect(requests_->server, requests_->port, {});
    sock(request_socket_).request_client = true;
    sock(request_socket_).close_on_eof = false;
  }
  send(request_socket_, requests_->bytes);
}

// After data or a close on a request socket: a complete reply moves the client on.
void Host::request_event(int id) {
  if (!requests_ || id != request_socket_) return;
  SocketInfo& s = sock(id);
  // A long connection carries every reply in turn; a short one only this request's.
  const uint64_t expected =
      requests_->long_connection ? requests_->bytes * static_cast<uint64_t>(requests_done_ + 1) : requests_->bytes;
  const uint64_t got = s.bytes_received;
  if (got < expected) return;
  ++requests_done_;
  record(TraceEvent{.conn = static_cast<uint32_t>(id),
                    .what = trace::AppResult{.result = trace::Result::ReplyComplete,
                                             .n = static_cast<uint64_t>(requests_done_),
                                             .of = static_cast<uint64_t>(requests_->count)}});
  const bool last = requests_done_ >= requests_->count;
  if (!requests_->long_connection || last) close(id);
  if (last) return;
  Host* h = this;
  ctx_.queue.schedule(ctx_.now() + requests_->gap, [h] { h->request_next(); });
}

// One pending check per socket, at the moment its quiet time would run out; data that
// arrived meanwhile moves the deadline, so the check is simply made again then.
void Host::watch_idle(int id) {
  SocketInfo& s = sock(id);
  if (s.idle_timeout.ns <= 0 || s.idle_watch || s.done || s.app_closed) return;
  s.idle_watch = true;
  Host* h = this;
  ctx_.queue.schedule(s.last_data + s.idle_timeout, [h, id] {
    SocketInfo& w = h->sock(id);
    w.idle_watch = false;
    if (w.done || w.app_closed) return;
    if (h->ctx_.now() < w.last_data + w.idle_timeout) {
      h->watch_idle(id);
      return;
    }
    h->close(id, w.idle_timeout);
  });
}

void Host::close_all() {
  for (const SocketInfo& s : std::vector<SocketInfo>(sockets_))
    if (!s.done) close(s.id);
}

void Host::abort_all() {
  for (const SocketInfo& s : std::vector<SocketInfo>(sockets_)) {
    if (s.done) continue;
    if (s.listening)
      close(s.id);
    else
      abort(s.id);
  }
}

// ---------------------------------------------------------------------------------
// Connections
// ---------------------------------------------------------------------------------

Host::Conn* Host::new_connection(const tcp::FourTuple& t, int id, int listener, std::optional<uint32_t> iss_given) {
  SocketInfo& s = sock(id);
  s.tuple = t;
  if (listener) {
    const SocketInfo& l = sock(listener);
    s.echo = l.echo;
    s.close_on_eof = l.close_on_eof;
    s.port = l.port;
    s.bytes_to_send = l.send_on_accept;
    s.auto_read = l.auto_read;
    s.keepalive = l.keepalive;
    s.idle_timeout = l.idle_timeout;
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

void Host::free_connection(int id) {
  auto it = conns_.find(id);
  if (it == conns_.end()) return;
  for (sim::EventId e : it->second->env.timers)
    if (e) ctx_.queue.cancel(e);
  demux_.erase(it->second->tcb.tuple());
  mem_total_ -= it->second->counted;
  // The connection is usually freeing itself from inside one of its own calls:
  // keep it alive until the current event is over.
  graveyard_.push_back(std::move(it->second));
  conns_.erase(it);
  if (graveyard_.size() == 1) ctx_.queue.schedule(ctx_.now(), [this] { graveyard_.clear(); });
  record_memory();
}

void Host::ConnEnv::send(const wire::TcpSegment& seg, const trace::FrameNote& note) {
  host_.output(host_.sock(sock_).tuple, seg, note);
}

void Host::ConnEnv::arm(tcp::Timer t, sim::Time deadline) {
  const size_t k = static_cast<size_t>(t);
  if (timers[k]) host_.ctx_.queue.cancel(timers[k]);
  const int sock = sock_;
  Host* h = &host_;
  timers[k] = host_.ctx_.queue.schedule(deadline, [h, sock, t, k] {
    auto it = h->conns_.find(sock);
    if (it == h->conns_.end()) return;
    it->second->env.timers[k] = 0;
    h->record(TraceEvent{.conn = static_cast<uint32_t>(sock), .what = trace::TimerEvent{t, trace::TimerAction::Fired}});
    it->second->tcb.on_timer(t);
    h->record_tcb(sock);
  });
  host_.record(TraceEvent{.conn = static_cast<uint32_t>(sock_),
                          .what = trace::TimerEvent{t, trace::TimerAction::Armed, deadline.ns}});
}

void Host::ConnEnv::cancel(tcp::Timer t) {
  const size_t k = static_cast<size_t>(t);
  if (!timers[k]) return;
  host_.ctx_.queue.cancel(timers[k]);
  timers[k] = 0;
  host_.record(TraceEvent{.conn = static_cast<uint32_t>(sock_), .what = trace::TimerEvent{t, trace::TimerAction::Cancelled}});
}

void Host::ConnEnv::state_changed(tcp::State from, tcp::State to, tcp::Cause cause) {
  // A listener's backlog counts its connections in SYN-RCVD.
  if (const int l = host_.sock(sock_).listener) {
    if (to == tcp::State::SynReceived) ++host_.sock(l).half_open;
    if (from == tcp::State::SynReceived) --host_.sock(l).half_open;
  }
  host_.record(trace::state_change(static_cast<uint32_t>(sock_), from, to, cause));
}

void Host::ConnEnv::established() {
  SocketInfo& s = host_.sock(sock_);
  s.connected = true;
  host_.record(TraceEvent{.conn = static_cast<uint32_t>(sock_),
                          .what = trace::AppResult{s.listening || s.listener ? trace::Result::Accepted
                                                                              : trace::Result::Connected}});
  s.last_data = host_.ctx_.now();  // an idle timeout counts from the accept
  host_.watch_idle(sock_);
  host_.pump_app_send(sock_);
}

size_t Host::ConnEnv::data_arrived(const wire::Bytes& data) {
  SocketInfo& s = host_.sock(sock_);
  // The pattern check covers every byte, read now or later: offsets are what arrived.
  const uint64_t offset = s.bytes_received + s.unread;
  if (!matches_pattern(data.data(), data.size(), offset)) s.received_pattern_ok = false;
  s.last_data = host_.ctx_.now();
  if (!s.auto_read) {
    s.unread += data.size();
    return 0;  // the application is not reading: the bytes wait in the receive buffer
  }
  s.bytes_received += data.size();
  host_.record(TraceEvent{.conn = static_cast<uint32_t>(sock_),
                          .what = trace::AppResult{.result = trace::Result::Received, .n = data.size()}});
  if (s.echo) {
    s.bytes_to_send += data.size();
    Host* h = &host_;
    const int sock = sock_;
    // Reply after the current segment is processed, so its ACK can ride on the reply.
    host_.ctx_.queue.schedule(host_.ctx_.now(), [h, sock] { h->pump_app_send(sock); });
  }
  if (s.request_client) {
    Host* h = &host_;
    const int sock = sock_;
    host_.ctx_.queue.schedule(host_.ctx_.now(), [h, sock] { h->request_event(sock); });
  }
  return data.size();
}

void Host::ConnEnv::peer_closed() {
  SocketInfo& s = host_.sock(sock_);
  s.peer_closed = true;
  // recv() returns 0 only after every byte before the FIN has been read: an application
  // that is not reading has not seen the end yet (and stays in CLOSE-WAIT meanwhile).
  if (s.unread == 0) host_.app_sees_eof(sock_);
}

void Host::app_sees_eof(int id) {
  record(TraceEvent{.conn = static_cast<uint32_t>(id), .what = trace::AppResult{trace::Result::PeerClosed}});
  if (sock(id).close_on_eof) {
    // Deferred to its own event: the FIN's ACK goes out first, and a merged FIN+ACK
    // happens only when the application closes before that ACK leaves (see lessons).
    // close_on_eof = false: an application that never calls close() (CLOSE-WAIT stays).
    Host* h = this;
    ctx_.queue.schedule(ctx_.now(), [h, id] { h->close(id); });
  }
}

void Host::ConnEnv::closed(tcp::CloseReason why) {
  SocketInfo& s = host_.sock(sock_);
  s.done = true;
  if (why != tcp::CloseReason::Normal) s.error = why;
  // A listener's connection that accept() never returned (reset in SYN-RCVD, given up
  // after its SYN,ACK retries) ends inside the kernel: the application never had it, so
  // it hears nothing (RFC 9293 3.10.7.4: "the user need not be informed").
  if (s.listener && !s.connected) {
    host_.free_connection(sock_);
    return;
  }
  host_.record(TraceEvent{.conn = static_cast<uint32_t>(sock_),
                          .what = trace::AppResult{.result = trace::Result::Ended, .cause = tcp::cause_of(why)}});
  host_.free_connection(sock_);
}

// ---------------------------------------------------------------------------------
// IP input and output
// ---------------------------------------------------------------------------------

void Host::output(const tcp::FourTuple& t, const wire::TcpSegment& seg, const trace::FrameNote& note) {
  wire::Ipv4Header ip;
  ip.id = next_ip_id_++;
  ip.src = t.local_ip;
  ip.dst = t.remote_ip;
  auto nb = cfg_.neighbours.find(t.remote_ip);
  if (nb != cfg_.neighbours.end()) {
    send_ip_frame(nb->second, ip, seg, note);
    return;
  }
  if (!cfg_.dynamic_arp) {
    record(TraceEvent{.what = trace::Note{.kind = trace::NoteKind::NoNeighbour, .ip = t.remote_ip}});
    return;
  }
  // Hold the segment and ask who has the address. A request can be lost (or reach a
  // peer whose link is not up yet), so a segment that waits again, a retransmission
  // say, asks again, but at most once a second per address (RFC 1122 2.3.2.1).
  arp_waiting_[t.remote_ip].push_back(Waiting{ip, seg, note});
  auto asked = arp_asked_.find(t.remote_ip);
  if (asked != arp_asked_.end() && ctx_.now() - asked->second < sim::seconds(1)) return;
  arp_asked_[t.remote_ip] = ctx_.now();
  wire::ArpPacket req;
  req.op = wire::ArpPacket::Request;
  req.sender_mac = cfg_.mac;
  req.sender_ip = cfg_.ip;
  req.target_ip = t.remote_ip;
  record(TraceEvent{.what = trace::Note{.kind = trace::NoteKind::ArpWhoHas, .ip = t.remote_ip}});
  nic_.transmit(ctx_.trace.add_frame(
      trace::FrameRecord{wire::build_arp_frame(cfg_.mac, wire::MacAddr::broadcast(), req), id_, 0,
                         trace::FrameNote{.kind = trace::FrameNoteKind::ArpRequest}}));
}

void Host::send_ip_frame(wire::MacAddr mac, const wire::Ipv4Header& ip, const wire::TcpSegment& seg,
                         const trace::FrameNote& note) {
  const uint32_t id = ctx_.trace.add_frame(trace::FrameRecord{wire::build_tcp_frame(cfg_.mac, mac, ip, seg), id_, 0, note});
  nic_.transmit(id);
}

void Host::receive_arp(const wire::ArpPacket& arp) {
  if (!cfg_.dynamic_arp) return;  // static neighbour entries: ARP is neither asked nor answered
  // RFC 826: learn the sender, then answer a request for our address.
  if (arp.target_ip == cfg_.ip || cfg_.neighbours.count(arp.sender_ip)) cfg_.neighbours[arp.sender_ip] = arp.sender_mac;
  if (arp.op == wire::ArpPacket::Request && arp.target_ip == cfg_.ip) {
    wire::ArpPacket reply;
    reply.op = wire::ArpPacket::Reply;
    reply.sender_mac = cfg_.mac;
    reply.sender_ip = cfg_.ip;
    reply.target_mac = arp.sender_mac;
    reply.target_ip = arp.sender_ip;
    nic_.transmit(ctx_.trace.add_frame(
        trace::FrameRecord{wire::build_arp_frame(cfg_.mac, arp.sender_mac, reply), id_, 0,
                           trace::FrameNote{.kind = trace::FrameNoteKind::ArpReply}}));
  }
  auto waiting = arp_waiting_.find(arp.sender_ip);
  if (waiting == arp_waiting_.end()) return;
  std::vector<Waiting> ready = std::move(waiting->second);
  arp_waiting_.erase(waiting);
  for (const Waiting& w : ready) send_ip_frame(arp.sender_mac, w.ip, w.seg, w.note);
}

bool Host::inject(const HandmadeSegment& h) {
  auto fail = [this](const std::string& why) {
    record(TraceEvent{.what = trace::Note{.kind = trace::NoteKind::HandmadeNotSent, .words = why}});
    return false;
  };
  const tcp::Connection* c = h.to ? nullptr : connection(h.socket);
  tcp::FourTuple t;
  if (h.to) {
    t = tcp::FourTuple{cfg_.ip, h.src_port, *h.to, h.port};
  } else if (c) {
    t = c->tuple();
  } else if (h.socket > 0 && h.socket <= static_cast<int>(sockets_.size()) && !sock(h.socket).listening &&
             sock(h.socket).tuple.remote_port) {
    t = sock(h.socket).tuple;  // the connection is gone; its four-tuple is remembered
  } else {
    return fail("socket " + std::to_string(h.socket) + " of " + cfg_.name + " has no connection");
  }
  const bool with_ack = h.flags & ACK;
  if (!c && (h.seq.relative() || (with_ack && h.ack.relative())))
    return fail("seq=" + h.seq.str() + " ack=" + h.ack.str() + " are relative to a connection, and socket " +
                std::to_string(h.socket) + " has none now");
  const tcp::Connection::Vars v = c ? c->vars() : tcp::Connection::Vars{};
  auto resolve = [&v](const SeqValue& x) {
    uint32_t base = 0;
    switch (x.base) {
      case SeqValue::Base::Absolute: break;
      case SeqValue::Base::Isn: base = v.iss; break;
      case SeqValue::Base::SndUna: base = v.snd_una; break;
      case SeqValue::Base::SndNxt: base = v.snd_nxt; break;
      case SeqValue::Base::RcvNxt: base = v.rcv_nxt; break;
      case SeqValue::Base::PeerIsn: base = v.irs; break;
    }
    return base + static_cast<uint32_t>(x.offset);
  };
  wire::TcpSegment seg;
  seg.src_port = t.local_port;
  seg.dst_port = t.remote_port;
  seg.seq = resolve(h.seq);
  seg.ack = with_ack ? resolve(h.ack) : 0;
  seg.flags = h.flags;
  seg.window = h.window.value_or(c ? c->window_field() : 65535);
  seg.payload.resize(h.len);
  // Data in the senders' pattern at its stream offset, so a receiver that takes it finds
  // the bytes it expects.
  fill_pattern(seg.payload.data(), seg.payload.size(), c ? static_cast<uint32_t>(seg.seq - v.iss - 1) : 0);
  auto nb = cfg_.neighbours.find(t.remote_ip);
  if (nb == cfg_.neighbours.end()) return fail("no neighbour entry for " + t.remote_ip.str());
  wire::Ipv4Header ip;
  ip.id = next_ip_id_++;
  ip.src = t.local_ip;
  ip.dst = t.remote_ip;
  wire::Bytes frame = wire::build_tcp_frame_raw_options(cfg_.mac, nb->second, ip, seg, h.options);
  // The TCP checksum sits 16 bytes into the TCP header. Flipping its lowest bit changes
  // the sum by one, which no ones'-complement equivalence (0x0000 = 0xffff) can undo.
  if (h.bad_checksum) frame[wire::kEthernetHeaderLen + wire::kIpv4HeaderLen + 17] ^= 1;
  record(TraceEvent{.conn = static_cast<uint32_t>(c ? h.socket : 0),
                    .what = trace::Note{.kind = trace::NoteKind::HandmadeInjected, .words = h.describe()}});
  nic_.transmit(ctx_.trace.add_frame(
      trace::FrameRecord{std::move(frame), id_, 0, trace::FrameNote{.kind = trace::FrameNoteKind::Handmade}}));
  return true;
}

void Host::receive_frame(uint32_t frame_id) {
  // Options: a receiver must be prepared for an illegal option length (RFC 9293 3.1,
  // MUST-7). The rfc profile drops such a segment, as smoltcp does (the RFC's suggested
  // reset would let any forged segment end a connection); Linux reads the options up
  // to the bad one and processes the segment.
  auto f = wire::decode_frame(ctx_.trace.frame(frame_id).bytes, true, !cfg_.tcp.linux_wire);
  if (f && f->tcp && !f->tcp->options.malformed.empty())
    record(TraceEvent{.frame = frame_id,
                      .what = trace::Note{.kind = trace::NoteKind::MalformedOption, .words = f->tcp->options.malformed}});
  if (!f) {
    const bool checksum = f.error().kind == wire::DecodeErrorKind::BadIpChecksum ||
                          f.error().kind == wire::DecodeErrorKind::BadTcpChecksum;
    record(TraceEvent{.frame = frame_id,
                      .what = trace::FrameDropped{.site = trace::Site::Ip,
                                                  .reason = checksum ? DropReason::BadChecksum : DropReason::Malformed,
                                                  .error = f.error().kind, .words = f.error().detail}});
    return;
  }
  if (f->arp) {
    receive_arp(*f->arp);
    return;
  }
  if (f->ip->dst != cfg_.ip) {
    record(TraceEvent{.frame = frame_id,
                      .what = trace::FrameDropped{.site = trace::Site::Ip, .reason = DropReason::NotForUs, .ip = f->ip->dst}});
    return;
  }
  receive_tcp(f->ip->src, f->ip->dst, *f->tcp);
}

void Host::receive_tcp(const wire::Ipv4Addr& src, const wire::Ipv4Addr& dst, const wire::TcpSegment& seg) {
  const tcp::FourTuple t{dst, seg.dst_port, src, seg.src_port};
  std::optional<uint32_t> reopen_iss;
  auto it = demux_.find(t);
  if (it != demux_.end()) {
    // The segment may end the connection and erase its demux entry: keep the id.
    const int id = it->second;
    auto c = conns_.find(id);
    if (c != conns_.end()) {
      // A new SYN may end TIME-WAIT and go to the listener (time_wait_reopen, see
      // Connection::syn_may_reopen); with no listener it is TIME-WAIT's to answer, as in Linux.
      if (!listeners_.count(seg.dst_port) || !c->second->tcb.syn_may_reopen(seg)) {
        c->second->tcb.on_segment(seg);
        record_tcb(id);
        return;
      }
      reopen_iss = c->second->tcb.reopen_iss();
      c->second->tcb.end_for_reopen();
      record_tcb(id);
    }
  }
  auto l = listeners_.find(seg.dst_port);
  if (l == listeners_.end()) {
    reply_rst(src, seg, trace::FrameNoteKind::ResetNoListener);
    return;
  }
  // LISTEN (RFC 9293 3.10.7.2): an incoming RST is ignored; an ACK can refer to
  // nothing here and is reset; a SYN makes a new connection in SYN-RCVD.
  if (seg.has(RST)) return;
  if (seg.has(ACK)) {
    reply_rst(src, seg, trace::FrameNoteKind::ResetListenerAck);
    return;
  }
  if (!seg.has(SYN)) return;
  // The backlog bounds half-open and unaccepted connections; beyond it the SYN is
  // dropped, and the client will retransmit it.
  if (sock(l->second).half_open >= sock(l->second).backlog) {
    record(TraceEvent{.what = trace::Note{.kind = trace::NoteKind::BacklogFull}});
    return;
  }
  const int id = new_socket();
  Conn* c = new_connection(t, id, l->second, reopen_iss);
  c->tcb.open_passive(seg);
  record_tcb(id);
}

// CLOSED (RFC 9293 3.10.7.1): anything but a RST is answered with a RST that the
// sender will accept: seq = its ACK if it had one, else ack = its SEQ + length.
void Host::reply_rst(const wire::Ipv4Addr& src, const wire::TcpSegment& seg, trace::FrameNoteKind why) {
  if (seg.has(RST)) return;
  wire::TcpSegment r;
  r.src_port = seg.dst_port;
  r.dst_port = seg.src_port;
  if (seg.has(ACK)) {
    r.seq = seg.ack;
    r.flags = RST;
  } else {
    r.seq = 0;
    r.ack = seg.seq + seg.seq_len();
    r.flags = RST | ACK;
  }
  const bool no_listener = why == trace::FrameNoteKind::ResetNoListener;
  record(TraceEvent{.what = trace::Note{.kind = no_listener ? trace::NoteKind::ResetNoListener : trace::NoteKind::ResetListenerAck,
                                        .n = seg.dst_port}});
  output(tcp::FourTuple{cfg_.ip, seg.dst_port, src, seg.src_port}, r,
         trace::FrameNote{.kind = why, .n = no_listener ? seg.dst_port : 0u});
}

}  // namespace synack::host
