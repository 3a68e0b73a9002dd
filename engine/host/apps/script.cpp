#include "host/apps/script.hpp"

#include <vector>

namespace synack::host::apps {

Script::Script(Stack& stack)
    : stack_(stack),
      sender_(stack),
      echo_(stack, sender_),
      close_on_eof_(stack, sender_),
      idle_(stack, sender_),
      requests_(stack, sender_) {}

Script::Role& Script::role(int sock) {
  auto it = roles_.find(sock);
  if (it != roles_.end()) return it->second;
  Role r;
  const SocketInfo* s = stack_.socket(sock);
  if (s && s->listener) {
    auto l = listening_.find(s->listener);
    if (l != listening_.end()) {
      r = Role{l->second.echo, l->second.close_on_eof, l->second.read, l->second.idle_timeout};
      if (l->second.send_on_accept) sender_.queue(sock, l->second.send_on_accept);
    }
  }
  return roles_.emplace(sock, r).first->second;
}

int Script::listen(uint16_t port, ListenOptions opts) {
  const int id = stack_.listen(port, opts.backlog, opts.keepalive);
  listening_[id] = opts;
  return id;
}

int Script::connect(wire::Ipv4Addr dst, uint16_t port, ConnectOptions opts) {
  const int id = stack_.connect(dst, port, opts.local_port, opts.keepalive);
  roles_[id] = Role{.close_on_eof = opts.close_on_eof, .read = opts.read};
  return id;
}

void Script::send(int sock, uint64_t bytes) {
  role(sock);
  sender_.send(sock, bytes);
}

void Script::read(int sock, uint64_t bytes) {
  role(sock);
  stack_.read(sock, bytes);
}

void Script::close(int sock, sim::Duration idle) {
  role(sock);
  sender_.close(sock, idle);
}

void Script::abort(int sock) {
  role(sock);
  stack_.abort(sock);
}

void Script::close_all() {
  for (const SocketInfo& s : std::vector<SocketInfo>(stack_.sockets()))
    if (!s.done) close(s.id);
}

void Script::abort_all() {
  for (const SocketInfo& s : std::vector<SocketInfo>(stack_.sockets())) {
    if (s.done) continue;
    if (s.listening)
      close(s.id);
    else
      abort(s.id);
  }
}

void Script::established(int sock) {
  const Role& r = role(sock);
  if (r.idle_timeout.ns > 0) idle_.start(sock, r.idle_timeout);
  sender_.pump(sock);
}

bool Script::data(int sock, const wire::Bytes& bytes, uint64_t offset) {
  const Role& r = role(sock);
  check_.check(sock, bytes, offset);  // every byte, read now or later
  idle_.data(sock);
  if (!r.read) return false;
  if (r.echo) echo_.data(sock, bytes.size());
  if (requests_.owns(sock)) requests_.data(sock);
  return true;
}

void Script::eof(int sock) {
  if (role(sock).close_on_eof && !requests_.owns(sock)) close_on_eof_.eof(sock);
}

void Script::writable(int sock) {
  role(sock);
  sender_.pump(sock);
}

void Script::ended(int sock) { sender_.forget(sock); }

}  // namespace synack::host::apps
