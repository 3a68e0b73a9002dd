#include "host/apps/idle_timeout.hpp"

namespace synack::host::apps {

void IdleTimeout::start(int sock, sim::Duration timeout) {
  Watch& w = watches_[sock];
  w.timeout = timeout;
  w.last_data = stack_.now();
  watch(sock);
}

void IdleTimeout::data(int sock) {
  auto it = watches_.find(sock);
  if (it != watches_.end()) it->second.last_data = stack_.now();
}

// One pending check per socket, at the moment its quiet time would run out; data that
// arrived meanwhile moves the deadline, so the check is simply made again then.
void IdleTimeout::watch(int sock) {
  Watch& w = watches_[sock];
  const SocketInfo* s = stack_.socket(sock);
  if (w.timeout.ns <= 0 || w.scheduled || !s || s->done || s->app_closed) return;
  w.scheduled = true;
  IdleTimeout* self = this;
  stack_.later(w.last_data + w.timeout, [self, sock] {
    Watch& x = self->watches_[sock];
    x.scheduled = false;
    const SocketInfo* k = self->stack_.socket(sock);
    if (k->done || k->app_closed) return;
    if (self->stack_.now() < x.last_data + x.timeout) {
      self->watch(sock);
      return;
    }
    self->sender_.close(sock, x.timeout);
  });
}

}  // namespace synack::host::apps
